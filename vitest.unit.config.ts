// Layer 1: unit tests in Node, next to the code they test (shared/ and the engine in client/).
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'unit',
    environment: 'node',
    include: ['shared/**/*.test.ts', 'client/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
