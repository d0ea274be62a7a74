import { describe, expect, it } from 'vitest';
import { MAX_BUSY_WAIT_SECONDS } from '../../shared/run/lease-step.ts';
import { createRun, fetchState, keyOf, labelOf, lease, leaseTask, postJson, progress, randomDelta, report, tinyConfig } from './fleet.ts';

describe('a round with several volunteers', () => {
  it('grows the round for volunteers that come before its first report, holds a fourth until the round closes (then it asks again), then applies the mean delta as version 1', async () => {
    const run = await createRun({ config: tinyConfig({ fleet: { roundSize: 3 } }) });
    const before = await fetchState(run.id, 0);
    const volunteers = ['alice', 'bob', 'carol'];
    const tasks = [];
    for (const volunteer of volunteers) tasks.push(await leaseTask(run.id, volunteer));
    expect(new Set(tasks.map((task) => task.shards[0]!.index))).toEqual(new Set([0, 1, 2]));
    expect(tasks.every((task) => task.kind === 'train' && task.version === 0 && task.epoch === 0)).toBe(true);
    // Every task is out: dave's request is held (the run has seen him) until a step opens work.
    const daves = lease(run.id, 'dave');
    let inFlight = await progress(run.id);
    while (!inFlight.volunteers.some((v) => v.id === labelOf('dave'))) inFlight = await progress(run.id);
    expect(inFlight.tasksInFlight).toBe(3);
    expect(inFlight.volunteers.map((v) => v.id).sort()).toEqual(['alice', 'bob', 'carol', 'dave'].map(labelOf).sort());
    // A volunteer that asks not to be held hears at once how long the wait may be.
    const notHeld = await postJson(`/api/runs/${run.id}/lease`, { volunteerKey: keyOf('erin'), backend: 'wasm', hold: false });
    expect(await notHeld.json()).toEqual({ kind: 'wait', seconds: MAX_BUSY_WAIT_SECONDS });

    const deltas = tasks.map((_, i) => randomDelta(before, 100 + i));
    for (const [i, task] of tasks.entries()) {
      const response = await report(run.id, task, { delta: deltas[i] });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ accepted: true, taskId: task.taskId, version: i < 2 ? 0 : 1, roundClosed: i === 2 });
    }

    // Woken by the close: told to ask again at once, and the new ask gets the eval task.
    expect(await daves).toEqual({ kind: 'wait', seconds: 0 });
    expect(await lease(run.id, 'dave')).toMatchObject({ kind: 'eval', version: 1, split: 'val' });
    const after = await fetchState(run.id, 1);
    for (const [t, tensor] of after.tensors.entries()) {
      const old = before.tensors[t]!;
      expect(tensor.name).toBe(old.name);
      for (let j = 0; j < tensor.data.length; j += 7) {
        const mean = (deltas[0]![t]!.data[j]! + deltas[1]![t]!.data[j]! + deltas[2]![t]!.data[j]!) / 3;
        expect(tensor.data[j]).toBeCloseTo(old.data[j]! + mean, 6);
      }
    }
    const next = await progress(run.id);
    expect(next).toMatchObject({ version: 1, samplesProcessed: 192, tasksInFlight: 1, work: { kind: 'eval', split: 'val', tasksTotal: 1 } });
    expect(next.epochProgress).toEqual({ done: 3, total: 3 });
    expect(next.volunteers.find((v) => v.id === labelOf('bob'))).toMatchObject({ samples: 64, reports: 1, backend: 'wasm' });
  });

  it('runs rounds one task at a time for volunteers that come one by one, then hands out an eval task with the val shard and the normalization of the dataset', async () => {
    const run = await createRun({ config: tinyConfig({ fleet: { roundSize: 3 } }) });
    for (const volunteer of ['a', 'b', 'c']) {
      const task = await leaseTask(run.id, volunteer);
      expect((await report(run.id, task)).status).toBe(200);
    }
    const evalTask = await leaseTask(run.id, 'a');
    expect(evalTask).toMatchObject({
      kind: 'eval', split: 'val', version: 3, stateUrl: `/api/runs/${run.id}/state/3`,
      shards: [{ split: 'val', index: 0, count: 64, url: expect.stringMatching(/^\/data\/synthetic-.*\/val-00000\.bin$/) }],
      normalization: { mean: [expect.any(Number)], std: [expect.any(Number)] },
    });
  });

  it('closes at its quorum without the straggler, refuses the straggler\'s late report with the reason, and trains its shard in the next round', async () => {
    const run = await createRun({ config: tinyConfig({ fleet: { roundSize: 3, quorum: 0.6, quorumGrace: 0, backups: 0 } }) });
    const [alice, bob, carol] = [await leaseTask(run.id, 'alice'), await leaseTask(run.id, 'bob'), await leaseTask(run.id, 'carol')];
    expect((await report(run.id, alice)).status).toBe(200);
    expect(await (await report(run.id, bob)).json()).toMatchObject({ accepted: true, version: 1, roundClosed: true });
    const closed = await progress(run.id);
    expect(closed).toMatchObject({ version: 1, samplesProcessed: 128, epochProgress: { done: 2, total: 3 } });

    const late = await report(run.id, carol);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain(`task ${carol.taskId} belongs to a round that closed without its report`);
    const { volunteers: _, ...unchanged } = await progress(run.id);
    const { volunteers: __, ...closedRun } = closed;
    expect(unchanged).toEqual(closedRun);

    const next = await leaseTask(run.id, 'carol');
    expect(next).toMatchObject({ kind: 'train', version: 1, epoch: 0, shards: [{ index: carol.shards[0]!.index }] });
    expect((await report(run.id, next)).status).toBe(200);
    expect(await progress(run.id)).toMatchObject({ version: 2, samplesProcessed: 192, epochProgress: { done: 3, total: 3 }, work: { kind: 'eval' } });
  });
});
