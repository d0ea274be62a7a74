// Closing the round in flight: train and AdamInit deltas of the reported tasks are combined and
// applied (the version goes up; shards of tasks left unreported go back to the pass), eval
// tallies become accuracies, and the run moves on to its next round.
import { architectureName } from '../architecture/spec.ts';
import { applyDelta, combineDeltas } from '../aggregate/index.ts';
import type { NamedTensor } from '../state/index.ts';
import { applyEvent } from './apply-transition.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { addReports, emptyTally, tallyAccuracy, tallyLoss, type RoundWork, type TaskRecord, type Work } from './run-record.ts';
import { finishRun, openRound, pendingShards, startAdamInitPass, startEpoch, startEval } from './work-start.ts';

/** The deltas of the round's reported tasks, by task id; eval rounds have none. */
export type RoundDeltas = (task: TaskRecord) => NamedTensor[];

export function closeRound(step: RunStep, deltas: RoundDeltas, ctx: RunContext): RunStep {
  const { work } = step.run;
  switch (work.kind) {
    case 'train':
      return closeTrainRound(aggregate(step, deltas, ctx), ctx);
    case 'adam-init':
      return closeAdamInitRound(aggregate(step, deltas, ctx), ctx);
    case 'eval':
      if (!step.tasks.every((task) => task.report)) throw new Error('closeRound: an eval round closes only once every shard is scored');
      return work.split === 'val' ? closeValidation(step, ctx) : closeTest(step, ctx);
    case 'none':
      throw new Error('closeRound: the run has no round in flight');
  }
}

/** The reported tasks' deltas applied; the shards of the others put back first in the pass. */
function aggregate(step: RunStep, deltas: RoundDeltas, ctx: RunContext): RunStep {
  const reported = step.tasks.filter((task) => task.report);
  if (reported.length === 0) throw new Error('closeRound: a round closes with at least one report');
  const { aggregation, trimFraction, maxDeltaNorm } = ctx.config.fleet;
  const reports = reported.map((task) => ({ delta: deltas(task), samples: task.report!.samples }));
  const combined = combineDeltas(reports, aggregation, { trimFraction, maxDeltaNorm });
  // Rounds are sized for the rule (round-size.ts), so a refusal here is a bug.
  if (!combined.ok) throw new Error(`closeRound: ${combined.error}`);
  const state = applyDelta(step.state, combined.value);
  const work = step.run.work as RoundWork;
  const unfinished = step.tasks.filter((task) => !task.report).flatMap((task) => task.shards);
  return { ...step, state, run: { ...step.run, version: step.run.version + 1, work: { ...work, round: work.round + 1, pending: [...unfinished, ...work.pending] } } };
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
  const recorded = { ...step, run: { ...run, history: [...run.history, record] } };
  return applyEvent(recorded, { type: 'epoch-finished', epoch: run.controller.epoch, valAcc, trainAcc, trainLoss }, ctx);
}

function closeTest(step: RunStep, ctx: RunContext): RunStep {
  const testAcc = tallyAccuracy(addReports(emptyTally(), step.tasks));
  const run = { ...step.run, testAcc };
  return run.controller.phase === 'done' ? finishRun({ ...step, run }, 'finished') : startEpoch({ ...step, run }, ctx);
}
