// Closing the round in flight: the reported tasks' combined delta goes through the outer optimizer
// (train rounds; AdamInit applies it as it is) and moves the state (the version goes up; shards of
// tasks left unreported go back to the pass), eval tallies become accuracies, and the run moves on.
import { architectureName } from '../architecture/spec.ts';
import { addFlatInto } from '../delta/index.ts';
import { applyEvent } from './apply-transition.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { addReports, emptyTally, tallyAccuracy, tallyLoss, type RoundWork, type Work } from './run-record.ts';
import { roundNoise, trainableSquaredNorm, updateNoise } from './noise-scale.ts';
import { roundStep, statisticRanges } from './outer-step.ts';
import { rollBack, stateFinite, valAccCollapsed } from './rollback.ts';
import { stateLayout } from './state-layout.ts';
import { finishRun, openRound, pendingShards, startAdamInitPass, startEpoch, startEval } from './work-start.ts';

/** The reported tasks' combined delta over the state's layout (round-aggregate.ts); eval rounds ask none. */
export type CombinedDelta = () => Float32Array;
/** The mean squared trainable norm of the round's reported deltas; null when fewer than two were. */
export type ReportSpread = () => number | null;

export function closeRound(step: RunStep, combined: CombinedDelta, ctx: RunContext, spread: ReportSpread = () => null): RunStep {
  const { work } = step.run;
  switch (work.kind) {
    case 'train':
    case 'adam-init': {
      const applied = aggregate(step, combined, spread, ctx);
      if (!applied) return rollBack(step, ctx, 'the combined update left the state not finite');
      return work.kind === 'train' ? closeTrainRound(applied, ctx) : closeAdamInitRound(applied, ctx);
    }
    case 'eval':
      if (!step.tasks.every((task) => task.report)) throw new Error('closeRound: an eval round closes only once every shard is scored');
      return work.split === 'val' ? closeValidation(step, ctx) : closeTest(step, ctx);
    case 'none':
      throw new Error('closeRound: the run has no round in flight');
  }
}

/**
 * The combined delta applied, through the outer optimizer in a train round; the shards of the
 * tasks left unreported put back first in the pass.
 */
function aggregate(step: RunStep, combined: CombinedDelta, spread: ReportSpread, ctx: RunContext): RunStep | null {
  if (!step.tasks.some((task) => task.report)) throw new Error('closeRound: a round closes with at least one report');
  const work = step.run.work as RoundWork;
  const meanSquaredNorm = spread();
  const delta = combined();
  const layout = stateLayout(step.state);
  const reports = step.tasks.filter((task) => task.report).length;
  // Measured on the mean before the outer step moves it in place.
  const noise = work.kind === 'train' && meanSquaredNorm !== null && reports >= 2
    ? updateNoise(step.run.noise, roundNoise(reports, meanSquaredNorm, trainableSquaredNorm(delta, statisticRanges(step.state, layout))))
    : step.run.noise;
  const outer = work.kind === 'train' ? roundStep(ctx.config.fleet.outer, reports, delta, step.outer, step.state, layout) : { step: delta, momentum: step.outer };
  const state = { architecture: step.state.architecture, tensors: addFlatInto(step.state.tensors, layout, outer.step) };
  if (!stateFinite(state)) return null;
  const unfinished = step.tasks.filter((task) => !task.report).flatMap((task) => task.shards);
  return { ...step, state, outer: outer.momentum, run: { ...step.run, noise, version: step.run.version + 1, work: { ...work, round: work.round + 1, pending: [...unfinished, ...work.pending] } } };
}

function closeTrainRound(step: RunStep, ctx: RunContext): RunStep {
  const run = { ...step.run, epoch: { ...step.run.epoch, tally: addReports(step.run.epoch.tally, step.tasks) } };
  if (pendingShards(run.work) > 0) return openRound({ ...step, run }, ctx);
  return startEval({ ...step, run }, ctx, 'val');
}

function closeAdamInitRound(step: RunStep, ctx: RunContext): RunStep {
  const work = step.run.work as Extract<Work, { kind: 'adam-init' }>;
  const tally = addReports(work.tally, step.tasks);
  const run = { ...step.run, work: { ...work, tally } };
  if (work.pending.length > 0) return openRound({ ...step, run }, ctx);
  const trainAcc = tallyAccuracy(tally);
  const passes = work.pass + 1;
  if (trainAcc >= work.targetTrainAcc || passes >= work.maxEpochs) {
    return applyEvent({ ...step, run }, { type: 'adam-init-finished', trainAcc, epochsUsed: passes }, ctx);
  }
  return startAdamInitPass({ ...step, run }, ctx, { ...work, tally }, passes);
}

function closeValidation(step: RunStep, ctx: RunContext): RunStep {
  const { run } = step;
  const valAcc = tallyAccuracy(addReports(emptyTally(), step.tasks));
  const best = run.history.length === 0 ? null : Math.max(...run.history.map((record) => record.valAcc));
  const justGrown = run.controller.log.some((entry) => entry.type === 'grow' && entry.epoch === run.controller.epoch);
  if (valAccCollapsed(valAcc, best, ctx.layout.facts.classes, justGrown)) {
    return rollBack(step, ctx, `validation accuracy fell to ${valAcc.toFixed(2)}% from a best of ${best!.toFixed(2)}%`);
  }
  const epochTally = run.epoch.tally;
  const seconds = (ctx.now - run.epoch.startedAt) / 1000;
  const trainAcc = tallyAccuracy(epochTally);
  const trainLoss = tallyLoss(epochTally);
  const record = {
    epoch: run.controller.epoch,
    phase: run.controller.phase,
    valAcc,
    trainLoss,
    trainAcc,
    imagesPerSecond: seconds > 0 ? epochTally.samples / seconds : 0,
    samples: epochTally.samples,
    architecture: architectureName(step.state.architecture),
    seconds,
    learningRate: run.controller.learningRate,
  };
  const recorded = { ...step, run: { ...run, history: [...run.history, record], consecutiveRollbacks: 0 } };
  // The volunteers' own time per validation image: batched forwards, what a latency budget is checked against.
  const evalSeconds = step.tasks.reduce((sum, task) => sum + (task.report?.seconds ?? 0), 0);
  const evalImages = step.tasks.reduce((sum, task) => sum + (task.report?.samples ?? 0), 0);
  const forwardMsPerImage = evalImages > 0 ? (1000 * evalSeconds) / evalImages : undefined;
  return applyEvent(recorded, { type: 'epoch-finished', epoch: run.controller.epoch, valAcc, trainAcc, trainLoss, ...(forwardMsPerImage === undefined ? {} : { forwardMsPerImage }) }, ctx);
}

function closeTest(step: RunStep, ctx: RunContext): RunStep {
  const testAcc = tallyAccuracy(addReports(emptyTally(), step.tasks));
  const run = { ...step.run, testAcc };
  return run.controller.phase === 'done' ? finishRun({ ...step, run }, 'finished') : startEpoch({ ...step, run }, ctx);
}
