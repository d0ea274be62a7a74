import { describe, expect, it } from 'vitest';
import { closeRound } from './close-round.ts';
import { createRun } from './create-run.ts';
import type { RunStep } from './run-context.ts';
import { noiseScale, trainableSquaredNorm } from './noise-scale.ts';
import { statisticRanges } from './outer-step.ts';
import { stateLayout } from './state-layout.ts';
import { constantDelta, reportAll, reported, tinyContext } from './test-run.ts';

const ctx = tinyContext();
const shardIndices = (step: RunStep) => step.tasks.flatMap((task) => task.shards.map((shard) => shard.index));

describe('closeRound', () => {
  it('applies a train round, raises the version and opens the next round of the epoch', () => {
    const start = createRun('run', ctx);
    const closed = closeRound(reportAll(start, 16), () => constantDelta(start.state, 0.25), ctx);
    expect(closed.run.version).toBe(1);
    expect(closed.run.work).toMatchObject({ kind: 'train', epoch: 0, round: 1 });
    expect(closed.run.epoch.tally).toEqual({ tasks: 1, samples: 64, lossSum: 32, correct: 16 });
    expect(closed.state.tensors[0]!.data[0]).toBeCloseTo(start.state.tensors[0]!.data[0]! + 0.25, 6);
    expect(closed.tasks.map((task) => task.id)).toEqual(['t2']);
    expect(closed.run.roundFirstTask).toBe(2);
  });

  it('measures the noise scale from a train round of two or more reports, and narrows the next round to it under roundWidth noise-scale', () => {
    const adaptive = tinyContext((c) => ({ ...c, dataset: { ...c.dataset, shardSize: 8 }, fleet: { ...c.fleet, roundSize: 8, roundWidth: 'noise-scale' } }), 10_000, 8);
    let step = createRun('run', adaptive);
    step = closeRound(reportAll(step, 4), () => constantDelta(step.state, 0), adaptive);
    expect(step.run.noise).toBeNull();
    expect(step.tasks).toHaveLength(8);
    const combined = constantDelta(step.state, 0.01);
    const statistics = statisticRanges(step.state, stateLayout(step.state));
    const signal = trainableSquaredNorm(combined, statistics);
    // Eight reports with mean squared norm 4 |m|^2: noise (4 - 1) |m|^2 8/7, signal |m|^2 - noise / 8, scale 6 tasks.
    const next = closeRound(reportAll(step, 4), () => combined.slice(), adaptive, () => 4 * signal);
    expect(next.run.noise).toMatchObject({ rounds: 1 });
    expect(noiseScale(next.run.noise)).toBeCloseTo(6, 6);
    expect(next.tasks).toHaveLength(6);
    expect(closeRound(reportAll(step, 4), () => combined.slice(), ctx, () => 4 * signal).tasks).toHaveLength(1);
  });

  it('after the last train shards opens one eval round over the val shards at the new version', () => {
    let step = createRun('run', ctx);
    for (let round = 0; round < 3; round++) step = closeRound(reportAll(step, 16), () => constantDelta(step.state, 0), ctx);
    expect(step.run.work).toEqual({ kind: 'eval', split: 'val' });
    expect(step.tasks.map((task) => [task.kind, task.version, task.shards])).toEqual([['eval', 3, ctx.layout.val]]);
  });

  it('turns the val round into an epoch record and a controller step (growth: version + 1)', () => {
    let step = createRun('run', ctx);
    for (let round = 0; round < 3; round++) step = closeRound(reportAll(step, 16), () => constantDelta(step.state, 0), ctx);
    const later = { ...ctx, now: ctx.now + 4_000 };
    const grown = closeRound(reportAll(step, 48), () => new Float32Array(0), later);
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

  it('closes at a quorum with the reported tasks only; the others\' shards go first into the next round, so the epoch still covers every shard once', () => {
    const wide = tinyContext((c) => ({ ...c, fleet: { ...c.fleet, roundSize: 3 } }), 10_000, 3);
    // createRun opens with one task (no volunteer has come yet); the next round has one per volunteer at work.
    let step = createRun('run', wide);
    step = closeRound(reportAll(step, 16), () => constantDelta(step.state, 0), wide);
    expect(step.tasks).toHaveLength(2);
    const [straggler, done] = step.tasks;
    const partial = closeRound({ ...step, tasks: [straggler!, reported(done!, 10)] }, () => constantDelta(step.state, 0), wide);
    expect(partial.run.work).toMatchObject({ kind: 'train', epoch: 0, round: 2, pending: [] });
    expect(shardIndices(partial)).toEqual(straggler!.shards.map((shard) => shard.index));
    expect(partial.run.epoch.tally.samples).toBe(128);
    const finished = closeRound(reportAll(partial, 10), () => constantDelta(partial.state, 0), wide);
    expect(finished.run.work).toEqual({ kind: 'eval', split: 'val' });
    expect(finished.run.epoch.tally.samples).toBe(192);
  });

  it('refuses to score a val round before every shard is in, and a round that does not exist', () => {
    let step = createRun('run', ctx);
    for (let round = 0; round < 3; round++) step = closeRound(reportAll(step, 16), () => constantDelta(step.state, 0), ctx);
    expect(() => closeRound(step, () => new Float32Array(0), ctx)).toThrow('every shard is scored');
    expect(() => closeRound({ ...step, run: { ...step.run, work: { kind: 'none' } } }, () => new Float32Array(0), ctx)).toThrow('no round in flight');
  });
});
