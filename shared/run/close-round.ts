// A round whose tasks are all reported: train and AdamInit deltas are combined and applied (the
// version goes up), eval tallies become accuracies, and the run moves on to its next round.
import { architectureName } from '../architecture/spec.ts';
import { applyDelta, combineDeltas } from '../aggregate/index.ts';
import type { NamedTensor } from '../state/index.ts';
import { applyEvent } from './apply-transition.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { addReports, emptyTally, tallyAccuracy, tallyLoss, type Work } from './run-record.ts';
import { adamInitRound, finishRun, startEpoch, startEval, trainRound } from './work-start.ts';

/** `deltas[i]` belongs to `step.tasks[i]`; eval rounds pass none. */
export function closeRound(step: RunStep, deltas: NamedTensor[][], ctx: RunContext): RunStep {
  const { work } = step.run;
  switch (work.kind) {
    case 'train':
      return closeTrainRound(aggregate(step, deltas, ctx), work, ctx);
    case 'adam-init':
      return closeAdamInitRound(aggregate(step, deltas, ctx), work, ctx);
    case 'eval':
      return work.split === 'val' ? closeValidation(step, ctx) : closeTest(step, ctx);
    case 'none':
      throw new Error('closeRound: the run has no round in flight');
  }
}

function aggregate(step: RunStep, deltas: NamedTensor[][], ctx: RunContext): RunStep {
  if (deltas.length !== step.tasks.length) throw new Error(`closeRound: ${step.tasks.length} tasks, ${deltas.length} deltas`);
  const { aggregation, trimFraction, maxDeltaNorm } = ctx.config.fleet;
  const reports = step.tasks.map((task, i) => ({ delta: deltas[i]!, samples: task.report!.samples }));
  const state = applyDelta(step.state, combineDeltas(reports, aggregation, { trimFraction, maxDeltaNorm }));
  return { ...step, state, run: { ...step.run, version: step.run.version + 1 } };
}

function closeTrainRound(step: RunStep, work: Extract<Work, { kind: 'train' }>, ctx: RunContext): RunStep {
  const run = { ...step.run, epoch: { ...step.run.epoch, tally: addReports(step.run.epoch.tally, step.tasks) } };
  if (work.round + 1 < work.rounds) return trainRound({ ...step, run: { ...run, work: { ...work, round: work.round + 1 } } }, ctx);
  return startEval({ ...step, run }, ctx, 'val');
}

function closeAdamInitRound(step: RunStep, work: Extract<Work, { kind: 'adam-init' }>, ctx: RunContext): RunStep {
  const tally = addReports(work.tally, step.tasks);
  if (work.round + 1 < work.rounds) {
    return adamInitRound({ ...step, run: { ...step.run, work: { ...work, round: work.round + 1, tally } } }, ctx);
  }
  const trainAcc = tallyAccuracy(tally);
  const passes = work.pass + 1;
  if (trainAcc >= work.targetTrainAcc || passes >= work.maxEpochs) {
    return applyEvent(step, { type: 'adam-init-finished', trainAcc, epochsUsed: passes }, ctx);
  }
  return adamInitRound({ ...step, run: { ...step.run, work: { ...work, pass: passes, round: 0, tally: emptyTally() } } }, ctx);
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
