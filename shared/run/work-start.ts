// Starting the next piece of work: a train epoch and its rounds, an eval round, an AdamInit pass,
// or the end of the run. Each returns the run with its new work and the tasks of its first round.
import type { ControllerEffect } from '../controller/types.ts';
import { epochRounds, trainTaskSeed, type ShardRef } from '../dataset/index.ts';
import { adamInitTaskSeed } from '../random/seeds.ts';
import type { DoneReason } from '../protocol/index.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { emptyTally, type RunRecord, type TaskKind, type TaskRecord, type Work } from './run-record.ts';

function newTasks(run: RunRecord, kind: TaskKind, shards: readonly ShardRef[], seedOf: (shard: ShardRef) => number): [RunRecord, TaskRecord[]] {
  const tasks = shards.map((shard, i): TaskRecord => ({
    id: `t${run.nextTask + i}`,
    kind,
    version: run.version,
    shards: [shard],
    seed: seedOf(shard),
    status: 'queued',
    lease: 0,
    volunteerId: null,
    deadline: null,
    report: null,
  }));
  return [{ ...run, nextTask: run.nextTask + tasks.length }, tasks];
}

/** The next epoch (numbered by the controller's count of finished epochs) from its first round. */
export function startEpoch(step: RunStep, ctx: RunContext): RunStep {
  const epoch = step.run.controller.epoch;
  const rounds = epochRounds(ctx.layout, ctx.config.seed, epoch, ctx.config.fleet.roundSize).length;
  const work: Work = { kind: 'train', epoch, round: 0, rounds, learningRate: step.run.controller.learningRate };
  return trainRound({ ...step, run: { ...step.run, work, epoch: { startedAt: ctx.now, tally: emptyTally() } } }, ctx);
}

/** The tasks of the train round the run's work points at. */
export function trainRound(step: RunStep, ctx: RunContext): RunStep {
  const { work } = step.run;
  if (work.kind !== 'train') throw new Error(`trainRound: the run is doing ${work.kind}, not train`);
  const shards = epochRounds(ctx.layout, ctx.config.seed, work.epoch, ctx.config.fleet.roundSize)[work.round]!;
  const [run, tasks] = newTasks(step.run, 'train', shards, (shard) => trainTaskSeed(ctx.config.seed, work.epoch, shard.index));
  return { ...step, run, tasks };
}

/** One eval task per shard of the split, all in one round. */
export function startEval(step: RunStep, ctx: RunContext, split: 'val' | 'test'): RunStep {
  const [run, tasks] = newTasks({ ...step.run, work: { kind: 'eval', split } }, 'eval', ctx.layout[split], () => 0);
  return { ...step, run, tasks };
}

/** Pass p after e finished epochs visits the shards in the order of epoch e + p, as the in-process runner does. */
const adamInitRounds = (run: RunRecord, ctx: RunContext, pass: number): ShardRef[][] =>
  epochRounds(ctx.layout, ctx.config.seed, run.controller.epoch + pass, ctx.config.fleet.roundSize);

export function startAdamInit(step: RunStep, ctx: RunContext, effect: Extract<ControllerEffect, { type: 'adam-init' }>): RunStep {
  const work: Work = {
    kind: 'adam-init',
    stages: effect.stages,
    targetTrainAcc: effect.targetTrainAcc,
    maxEpochs: effect.maxEpochs,
    learningRate: effect.learningRate,
    pass: 0,
    round: 0,
    rounds: adamInitRounds(step.run, ctx, 0).length,
    tally: emptyTally(),
  };
  return adamInitRound({ ...step, run: { ...step.run, work } }, ctx);
}

/** The tasks of the AdamInit round the run's work points at. */
export function adamInitRound(step: RunStep, ctx: RunContext): RunStep {
  const { work, controller } = step.run;
  if (work.kind !== 'adam-init') throw new Error(`adamInitRound: the run is doing ${work.kind}, not adam-init`);
  const shards = adamInitRounds(step.run, ctx, work.pass)[work.round]!;
  const seedOf = (shard: ShardRef) => adamInitTaskSeed(ctx.config.seed, controller.epoch, work.pass, shard.index);
  const [run, tasks] = newTasks(step.run, 'adam-init', shards, seedOf);
  return { ...step, run, tasks };
}

export function finishRun(step: RunStep, reason: DoneReason): RunStep {
  return { ...step, run: { ...step.run, status: 'done', doneReason: reason, work: { kind: 'none' } }, tasks: [] };
}
