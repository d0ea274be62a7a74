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

  it('keeps the outer momentum: the round after a restart steps with the buffer of the round before it', async () => {
    const [lr, m] = [0.7, 0.9];
    const run = await createRun({ config: tinyConfig({ fleet: { roundSize: 1, outer: { learningRate: lr, momentum: m, nesterov: true } } }) });
    const start = await fetchState(run.id, 0);
    const first = randomDelta(start, 31);
    expect((await report(run.id, await leaseTask(run.id, 'alice'), { delta: first })).status).toBe(200);
    const middle = await fetchState(run.id, 1);

    await evictDurableObject(env.RUNS.getByName(run.id));

    const second = randomDelta(middle, 32);
    expect((await report(run.id, await leaseTask(run.id, 'alice'), { delta: second })).status).toBe(200);
    const end = await fetchState(run.id, 2);
    // Nesterov: buffer = m * buffer + d, step = lr * (d + m * buffer); a lost buffer would step lr * (1 + m) * d.
    const t = end.tensors.findIndex((tensor) => tensor.name === 'head.w');
    for (let j = 0; j < end.tensors[t]!.data.length; j++) {
      const [d1, d2] = [first[t]!.data[j]!, second[t]!.data[j]!];
      expect(middle.tensors[t]!.data[j]! - start.tensors[t]!.data[j]!).toBeCloseTo(lr * (1 + m) * d1, 6);
      expect(end.tensors[t]!.data[j]! - middle.tensors[t]!.data[j]!).toBeCloseTo(lr * (d2 + m * (m * d1 + d2)), 6);
    }
  });
});
