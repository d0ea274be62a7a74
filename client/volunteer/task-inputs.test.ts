import { describe, expect, it } from 'vitest';
import { coordinatorClient } from '../coordinator/index.ts';
import { TaskInputCache } from './task-inputs.ts';
import { refusal, stateShardCount, TestCoordinator, trainTask } from './test-coordinator.ts';

describe('TaskInputCache', () => {
  it('downloads the state and the data shard once, then serves them from the cache', async () => {
    const coordinator = new TestCoordinator();
    const cache = new TaskInputCache(coordinatorClient('http://coordinator.test', { fetch: coordinator.fetch }));
    const first = await cache.load(trainTask('t1'));
    const second = await cache.load(trainTask('t2'));
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.state.architecture.depths).toEqual([1, 1, 1]);
    expect(first.value.shards[0]!.labels).toEqual(Uint8Array.from([0, 1, 0]));
    expect(stateShardCount).toBeGreaterThan(1);
    expect(coordinator.count('/state/0')).toBe(1);
    expect(coordinator.requests.filter((r) => r.path.startsWith('/api/shards/')).length).toBe(stateShardCount);
    expect(coordinator.count('train-00000.bin')).toBe(1);
  });

  it('refuses a data shard file that is not the shard the task names', async () => {
    const coordinator = new TestCoordinator();
    const cache = new TaskInputCache(coordinatorClient('http://coordinator.test', { fetch: coordinator.fetch }));
    const task = trainTask();
    const loaded = await cache.load({ ...task, shards: [{ ...task.shards[0]!, index: 4 }] });
    expect(loaded).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('expected train shard 4 of 3 images, the file holds train shard 0') });
  });

  it('passes a refusal through in words', async () => {
    const coordinator = new TestCoordinator();
    const client = coordinatorClient('http://coordinator.test', { fetch: async () => refusal(410, 'version 0 is gone') });
    const loaded = await new TaskInputCache(client).load(trainTask());
    expect(loaded).toEqual({ ok: false, status: 410, retry: false, error: 'state manifest: 410 version 0 is gone' });
    expect(coordinator.requests).toHaveLength(0);
  });
});
