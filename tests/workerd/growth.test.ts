import { describe, expect, it } from 'vitest';
import { api, createRun, fetchState, finishRound, leaseTask, progress, report } from './fleet.ts';

describe('growth after an epoch', () => {
  it('grows stage 0 when the epoch ends, keeping every old tensor and adding the new block', async () => {
    const run = await createRun();
    for (let round = 0; round < 3; round++) await finishRound(run.id);
    const evalTask = await leaseTask(run.id);
    expect(evalTask).toMatchObject({ kind: 'eval', split: 'val', version: 3 });
    const before = await fetchState(run.id, 3);

    expect((await report(run.id, evalTask, { correct: 32 })).status).toBe(200);

    const grown = await progress(run.id);
    expect(grown).toMatchObject({
      phase: 'growing', epoch: 1, version: 4, bestValAcc: 50,
      architecture: { name: 'Basic3ResNet-2-1-1', depths: [2, 1, 1] },
      log: [{ epoch: 1, type: 'grow', stage: 0, depth: 2 }],
      work: { kind: 'train', round: 0, rounds: 3 },
    });
    expect(grown.history).toEqual([expect.objectContaining({
      epoch: 0, phase: 'growing', valAcc: 50, trainLoss: 1.2, trainAcc: 50, architecture: 'Basic3ResNet-1-1-1', learningRate: 0.1,
    })]);

    const after = await fetchState(run.id, 4);
    expect(after.architecture.depths).toEqual([2, 1, 1]);
    const afterByName = new Map(after.tensors.map((t) => [t.name, t]));
    for (const old of before.tensors) expect(afterByName.get(old.name)?.data).toEqual(old.data);
    const added = after.tensors.filter((t) => !before.tensors.some((old) => old.name === t.name));
    expect(added.map((t) => t.name)).toContain('s0.b1.conv1.w');
    // Momentum stays with the volunteers: the run's state never holds it.
    expect(after.tensors.some((t) => t.name.endsWith('#momentum'))).toBe(false);
    expect(added.find((t) => t.name === 's0.b1.conv1.w')!.data.some((v) => v !== 0)).toBe(true);

    const next = await leaseTask(run.id);
    expect(next).toMatchObject({ kind: 'train', epoch: 1, version: 4 });
    // Nothing leases version 3 any more: its manifest and shards are gone.
    const collected = await api(`/api/runs/${run.id}/state/3`);
    expect(collected.status).toBe(410);
  });
});
