import { describe, expect, it } from 'vitest';
import { presetConfig } from '../config/presets.ts';
import { datasetLayout } from '../dataset/index.ts';
import type { NamedTensor } from '../state/index.ts';
import { closeRound } from './close-round.ts';
import { createRun } from './create-run.ts';
import type { RunContext, RunStep } from './run-context.ts';

const tiny = presetConfig('tiny');
if (!tiny.ok) throw new Error(tiny.error);
const ctx: RunContext = { config: tiny.config, layout: datasetLayout(tiny.config.dataset), now: 10_000 };

/** Every task of the round reported with `correct` of its images right and loss 0.5. */
function reportAll(step: RunStep, correct: number): RunStep {
  return {
    ...step,
    tasks: step.tasks.map((task) => ({
      ...task, status: 'reported',
      report: { volunteerId: 'v', backend: 'wasm', samples: task.shards[0]!.count, loss: 0.5, correct, seconds: 1 },
    })),
  };
}

const constantDelta = (step: RunStep, value: number): NamedTensor[] =>
  step.state.tensors.map((t) => ({ name: t.name, shape: t.shape, data: new Float32Array(t.data.length).fill(value) }));

describe('closeRound', () => {
  it('applies a train round, raises the version and opens the next round of the epoch', () => {
    const start = createRun('run', ctx);
    const closed = closeRound(reportAll(start, 16), [constantDelta(start, 0.25)], ctx);
    expect(closed.run.version).toBe(1);
    expect(closed.run.work).toMatchObject({ kind: 'train', epoch: 0, round: 1 });
    expect(closed.run.epoch.tally).toEqual({ tasks: 1, samples: 64, lossSum: 32, correct: 16 });
    expect(closed.state.tensors[0]!.data[0]).toBeCloseTo(start.state.tensors[0]!.data[0]! + 0.25, 6);
    expect(closed.tasks.map((task) => task.id)).toEqual(['t2']);
  });

  it('after the last train round opens one eval round over the val shards at the new version', () => {
    let step = createRun('run', ctx);
    for (let round = 0; round < 3; round++) step = closeRound(reportAll(step, 16), [constantDelta(step, 0)], ctx);
    expect(step.run.work).toEqual({ kind: 'eval', split: 'val' });
    expect(step.tasks.map((task) => [task.kind, task.version, task.shards])).toEqual([['eval', 3, ctx.layout.val]]);
  });

  it('turns the val round into an epoch record and a controller step (growth: version + 1)', () => {
    let step = createRun('run', ctx);
    for (let round = 0; round < 3; round++) step = closeRound(reportAll(step, 16), [constantDelta(step, 0)], ctx);
    const later = { ...ctx, now: ctx.now + 4_000 };
    const grown = closeRound(reportAll(step, 48), [], later);
    expect(grown.run.history).toEqual([{
      epoch: 0, phase: 'growing', valAcc: 75, trainLoss: 0.5, trainAcc: 25, imagesPerSecond: 192 / 4, samples: 192,
      architecture: 'Basic3ResNet-1-1-1', seconds: 4, learningRate: 0.1,
    }]);
    expect(grown.run.controller).toMatchObject({ epoch: 1, depths: [2, 1, 1] });
    expect(grown.state.architecture.depths).toEqual([2, 1, 1]);
    expect(grown.run.version).toBe(4);
    expect(grown.run.work).toMatchObject({ kind: 'train', epoch: 1, round: 0 });
    expect(grown.run.epoch).toEqual({ startedAt: later.now, tally: { tasks: 0, samples: 0, lossSum: 0, correct: 0 } });
  });

  it('refuses to close a round that does not exist', () => {
    const start = createRun('run', ctx);
    expect(() => closeRound({ ...start, run: { ...start.run, work: { kind: 'none' } } }, [], ctx)).toThrow('no round in flight');
  });
});
