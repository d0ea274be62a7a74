// Layer 2: the coordinator inside workerd (@cloudflare/vitest-plugin): routes, Durable Object
// storage, alarms and refusals, plus the worker's pure logic next to its code.
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      // Test values of the two secrets (wrangler dev uses dev-admin-token / dev-lease-secret).
      miniflare: { bindings: { ADMIN_TOKEN: 'test-admin-token', LEASE_SECRET: 'test-lease-secret' } },
    }),
  ],
  test: {
    name: 'workerd',
    include: ['worker/**/*.test.ts', 'tests/workerd/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
