// Layer 3: end to end. wrangler dev, real headless Chromium and the Node volunteer on a tiny run;
// one file at a time (they share two CPU cores), with timeouts sized for training.
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/harness/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 420_000,
    hookTimeout: 180_000,
  },
});
