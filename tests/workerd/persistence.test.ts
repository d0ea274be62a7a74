import { env } from 'cloudflare:workers';
import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createRun, fetchState, leaseTask, progress, randomDelta, report, tinyConfig } from './fleet.ts';

describe('a coordinator restart', () => {
  it('keeps the run, its leases and an accepted delta: the round closes with both deltas after the restart', async () => {
    const run = await createRun({ config: tinyConfig({ fleet: { roundSize: 2 } }) });
    const before = await fetchState(run.id, 0);
    const first = await leaseTask(run.id, 'alice');
    const second = await leaseTask(run.id, 'bob');
    const deltas = [randomDelta(before, 21), randomDelta(before, 22)];
    expect((await report(run.id, first, { delta: deltas[0] })).status).toBe(200);
    const beforeRestart = await progress(run.id);

    await evictDurableObject(env.RUNS.getByName(run.id));

    expect(await progress(run.id)).toEqual(beforeRestart);
    const response = await report(run.id, second, { delta: deltas[1] });
    expect(await response.json()).toMatchObject({ accepted: true, version: 1, roundClosed: true });

    const after = await fetchState(run.id, 1);
    const t = after.tensors.findIndex((tensor) => tensor.name === 'head.w');
    for (let j = 0; j < after.tensors[t]!.data.length; j++) {
      const mean = (deltas[0]![t]!.data[j]! + deltas[1]![t]!.data[j]!) / 2;
      expect(after.tensors[t]!.data[j]).toBeCloseTo(before.tensors[t]!.data[j]! + mean, 6);
    }
  });

  it('reads a new version back after a restart, bit for bit', async () => {
    const run = await createRun({ config: tinyConfig({ fleet: { roundSize: 3 } }) });
    for (const volunteer of ['a', 'b', 'c']) expect((await report(run.id, await leaseTask(run.id, volunteer))).status).toBe(200);
    const version3 = await fetchState(run.id, 3);
    await evictDurableObject(env.RUNS.getByName(run.id));
    const evalTask = await leaseTask(run.id, 'a');
    expect(evalTask).toMatchObject({ kind: 'eval', version: 3 });
    expect(await fetchState(run.id, 3)).toEqual(version3);
  });
});
