import { describe, expect, it } from 'vitest';
import { closeRound } from './close-round.ts';
import { createRun } from './create-run.ts';
import { MAX_ROLLBACKS, rollBack, valAccCollapsed } from './rollback.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { constantDelta, reportAll, tinyContext } from './test-run.ts';

// No growth, so no epoch is exempt from the collapse check as the first after a growth.
const base = tinyContext((c) => ({ ...c, architecture: { ...c.architecture, maxDepths: [1, 1, 1] }, fineTune: { ...c.fineTune, epochs: 6 } }));

/** The run through `epochs` epochs (rounds of one task, val scored at `valAcc`), with every epoch start kept readable. */
function throughEpochs(epochs: number, correctVal: (epoch: number) => number): { step: RunStep; ctx: RunContext; saved: Map<number, RunStep> } {
  const saved = new Map<number, RunStep>();
  const ctx: RunContext = { ...base, readCheckpoint: (version) => saved.get(version)! };
  let step = createRun('run', ctx);
  saved.set(step.run.version, step);
  for (let epoch = 0; epoch < epochs; epoch++) {
    while (step.run.work.kind === 'train') step = closeRound(reportAll(step, 16), () => constantDelta(step.state, 0.01), ctx);
    step = closeRound(reportAll(step, correctVal(epoch)), () => new Float32Array(0), ctx);
    saved.set(step.run.version, step);
  }
  return { step, ctx, saved };
}

describe('rollback', () => {
  it('calls a validation accuracy collapsed once it has lost three quarters of the gain over chance, except right after a growth', () => {
    expect(valAccCollapsed(40, 98, 10, false)).toBe(false);
    expect(valAccCollapsed(30, 98, 10, false)).toBe(true);
    expect(valAccCollapsed(30, 98, 10, true)).toBe(false);
    expect(valAccCollapsed(20, 30, 4, false)).toBe(false);
    expect(valAccCollapsed(10, null, 10, false)).toBe(false);
  });

  it('goes back to the start of the epoch with the learning rate halved, under a new version, and says so', () => {
    const { step, ctx } = throughEpochs(2, () => 48);
    const checkpoint = step.run.checkpoints.at(-1)!;
    const rolled = rollBack(step, { ...ctx, now: ctx.now + 99 }, 'a test says so');
    expect(rolled.run.version).toBe(step.run.version + 1);
    expect(rolled.run.controller).toEqual(checkpoint.run.controller);
    expect(rolled.run.history).toEqual(checkpoint.run.history);
    expect(rolled.run.learningRateScale).toBe(0.5);
    expect(rolled.run.events).toEqual([{ at: ctx.now + 99, type: 'rollback', epoch: checkpoint.run.controller.epoch, reason: 'a test says so', learningRateScale: 0.5 }]);
    expect(rolled.state).toBe(ctx.readCheckpoint!(checkpoint.version).state);
    expect(rolled.run.work).toMatchObject({ kind: 'train', epoch: checkpoint.run.controller.epoch, round: 0 });
  });

  it('reaches one epoch start further back with each rollback in a row, and gives up after MAX_ROLLBACKS', () => {
    const { step, ctx, saved } = throughEpochs(3, () => 48);
    const epochs = step.run.checkpoints.map((checkpoint) => checkpoint.run.controller.epoch);
    let rolled = step;
    const reached: number[] = [];
    for (let i = 0; i < MAX_ROLLBACKS; i++) {
      rolled = rollBack(rolled, ctx, `broken ${i}`);
      // Storage keeps each new round's version, as a port's save does.
      saved.set(rolled.run.version, rolled);
      reached.push(rolled.run.controller.epoch);
    }
    expect(reached.slice(0, 3)).toEqual([epochs.at(-1), epochs.at(-2), epochs.at(-3)]);
    const given = rollBack(rolled, ctx, 'still broken');
    expect(given.run).toMatchObject({ status: 'done', doneReason: 'diverged' });
    expect(given.run.events.at(-1)).toMatchObject({ type: 'gave-up', reason: `still broken, after ${MAX_ROLLBACKS} rollbacks` });
  });

  it('rolls back instead of recording an epoch whose validation accuracy collapsed', () => {
    const { step, ctx } = throughEpochs(2, (epoch) => (epoch === 0 ? 60 : 10));
    expect(step.run.history.map((record) => record.valAcc)).toEqual([93.75]);
    expect(step.run.events.map((event) => event.type)).toEqual(['rollback']);
    expect(step.run.controller.epoch).toBe(1);
  });
});
