// Node-side checks of the coordinator's build: wrangler bundles it cleanly, without tfjs.
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'node-integration',
    environment: 'node',
    include: ['tests/integration/**/*.test.ts'],
    testTimeout: 180_000,
  },
});
