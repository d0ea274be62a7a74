// The dashboard page in a real headless Chromium (/usr/bin/chromium), served with recorded
// RunProgress fixtures: tests/dashboard/.
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'dashboard',
    environment: 'node',
    include: ['tests/dashboard/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
