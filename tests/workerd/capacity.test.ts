// Run create refuses a config that cannot fit one Durable Object with a 400 that gives the
// numbers, and touches no run object doing so.
import { env } from 'cloudflare:workers';
import { listDurableObjectIds } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, api, postJson, tinyConfig } from './fleet.ts';

async function expectRefusedCreate(config: unknown, message: string): Promise<void> {
  const objects = (await listDurableObjectIds(env.RUNS)).length;
  const listed = await (await api('/api/runs')).json();
  const response = await postJson('/api/runs', { config }, ADMIN);
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({ error: expect.stringContaining(message) });
  expect((await listDurableObjectIds(env.RUNS)).length).toBe(objects);
  expect(await (await api('/api/runs')).json()).toEqual(listed);
}

describe('run create refuses what cannot fit a Durable Object', () => {
  it('widths 512-512-512 at seed depths 8-8-8: the state and round close in the message', async () => {
    const config = { dataset: { name: 'cifar10' }, architecture: { widths: [512, 512, 512], seedDepths: [8, 8, 8] } };
    await expectRefusedCreate(config, 'state at seed depths 8-8-8 x widths 512-512-512: 455.6 MB');
  });

  it('an enormous synthetic dataset: the shard count in the message', async () => {
    const synthetic = { input: { height: 32, width: 32, channels: 3 }, classes: 10, trainSize: 1e12, testSize: 100 };
    await expectRefusedCreate({ dataset: { name: 'synthetic', synthetic } }, '1000000000000 train and val images in shards of 2048 are 488281250 shards');
  });

  it('a round too small for trimmed-mean to trim anything', async () => {
    await expectRefusedCreate(tinyConfig({ fleet: { aggregation: 'trimmed-mean', roundSize: 2 } }), 'trimmed-mean needs at least 10 reports in a round');
  });
});
