import { describe, expect, it } from 'vitest';
import { createRun, finishRound, lease, leaseTask, progress, report, tinyConfig } from './fleet.ts';

/** Reports every task of the run's current work until its kind or epoch changes. */
async function finishWork(runId: string, correct = 32): Promise<void> {
  const start = await progress(runId);
  let now = start;
  while (now.status !== 'done' && now.work.kind === start.work.kind && now.epoch === start.epoch) {
    await finishRound(runId, { correct });
    now = await progress(runId);
  }
}

describe('a whole tiny run', () => {
  it('grows, freezes, fine-tunes, measures test accuracy and ends', async () => {
    const run = await createRun();
    for (let guard = 0; guard < 60 && (await progress(run.id)).status !== 'done'; guard++) await finishWork(run.id);
    const done = await progress(run.id);
    expect(done).toMatchObject({
      status: 'done', doneReason: 'finished', phase: 'done', epoch: 6, testAcc: 50,
      architecture: { name: 'Basic3ResNet-3-2-2' }, circle: [], work: { kind: 'none' },
    });
    expect(done.history.map((entry) => entry.phase)).toEqual(['growing', 'growing', 'growing', 'growing', 'fine-tuning', 'fine-tuning']);
    expect(done.history.map((entry) => entry.architecture)).toEqual([
      'Basic3ResNet-1-1-1', 'Basic3ResNet-2-1-1', 'Basic3ResNet-2-2-1', 'Basic3ResNet-2-2-2', 'Basic3ResNet-3-2-2', 'Basic3ResNet-3-2-2',
    ]);
    expect(done.log.filter((entry) => entry.type === 'freeze').map((entry) => entry.stage).sort()).toEqual([0, 1, 2]);
    expect(await lease(run.id, 'late')).toEqual({ kind: 'done', reason: 'finished' });
  });

  it('runs AdamInit after a growth with that initializer, then goes on with the next epoch', async () => {
    const run = await createRun({ config: tinyConfig({ growth: { initializer: 'AdamInit' } }) });
    await finishWork(run.id);
    await finishWork(run.id);
    const adam = await progress(run.id);
    expect(adam).toMatchObject({ phase: 'adam-init', epoch: 1, architecture: { depths: [2, 1, 1] }, work: { kind: 'adam-init', rounds: 3 } });
    const task = await leaseTask(run.id, 'alice');
    expect(task).toMatchObject({ kind: 'adam-init', stages: [0], learningRate: 1e-3, version: adam.version });
    expect((await report(run.id, task, { correct: 32 })).status).toBe(200);
    await finishWork(run.id);
    expect(await progress(run.id)).toMatchObject({ phase: 'growing', epoch: 1, version: adam.version + 3, work: { kind: 'train', round: 0 } });
  });
});
