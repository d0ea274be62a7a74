// Starting the next piece of work: a train epoch, an AdamInit pass, an eval round, or the end of
// the run. A pass over the train shards runs in rounds sized to the volunteers at work.
import type { ControllerEffect } from '../controller/types.ts';
import { epochOrder, trainTaskSeed, type ShardRef } from '../dataset/index.ts';
import { adamInitTaskSeed } from '../random/seeds.ts';
import type { DoneReason } from '../protocol/index.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { learningRateFactor } from './learning-rate-factor.ts';
import { replicasFor } from './replication.ts';
import { roundTasks } from './round-size.ts';
import { emptyTally, type RoundWork, type RunRecord, type TaskKind, type TaskRecord, type Work } from './run-record.ts';

function newTask(run: RunRecord, number: number, kind: TaskKind, shards: readonly ShardRef[], seeds: number[], ctx: RunContext): TaskRecord {
  const replicas = replicasFor(kind, number, ctx.config.seed, ctx.config.fleet, ctx.volunteersAtWork);
  return { id: `t${number}`, kind, version: run.version, shards: [...shards], seeds, leases: [], leaseCount: 0, divergedBy: [], quorum: replicas, replicas, candidates: [], report: null };
}

/** The seed of each shard of a round task: train shards by (epoch, shard), AdamInit by (epoch, pass, shard). */
function shardSeeds(run: RunRecord, work: RoundWork, shards: readonly ShardRef[], ctx: RunContext): number[] {
  return work.kind === 'train'
    ? shards.map((shard) => trainTaskSeed(ctx.config.seed, work.epoch, shard.index))
    : shards.map((shard) => adamInitTaskSeed(ctx.config.seed, run.controller.epoch, work.pass, shard.index));
}

/**
 * Adds one task over the next pending shards to the round in flight (a volunteer arrived). `width`
 * is the round's train tasks once this one joins, which sets its learning rate.
 */
export function addRoundTask(step: RunStep, ctx: RunContext, width = step.tasks.length + 1): RunStep {
  const { run } = step;
  const work = run.work;
  if (work.kind !== 'train' && work.kind !== 'adam-init') throw new Error(`addRoundTask: the run is doing ${work.kind}, not a round pass`);
  const shards = work.pending.slice(0, ctx.config.fleet.shardsPerTask);
  if (shards.length === 0) throw new Error('addRoundTask: no shards are pending');
  const created = newTask(run, run.nextTask, work.kind, shards, shardSeeds(run, work, shards, ctx), ctx);
  const epochSamples = ctx.layout.train.reduce((sum, shard) => sum + shard.count, 0);
  const task = work.kind === 'train' ? { ...created, learningRateFactor: learningRateFactor(ctx.config.fleet.innerScaling, width, run.samplesProcessed, epochSamples) } : created;
  const next: RunRecord = { ...run, nextTask: run.nextTask + 1, work: { ...work, pending: work.pending.slice(shards.length) } };
  return { ...step, run: next, tasks: [...step.tasks, task] };
}

/** A round of the pass (numbered by the caller): one task for each volunteer at work, sized by round-size.ts. */
export function openRound(step: RunStep, ctx: RunContext): RunStep {
  const work = step.run.work;
  if (work.kind !== 'train' && work.kind !== 'adam-init') throw new Error(`openRound: the run is doing ${work.kind}, not a round pass`);
  const opened: RunStep = {
    ...step,
    run: { ...step.run, roundFirstTask: step.run.nextTask, work: { ...work, openedAt: ctx.now, quorumAt: null } },
    tasks: [],
  };
  const tasks = roundTasks(work.pending.length, ctx.volunteersAtWork, ctx.config.fleet, step.run.noise);
  let grown = opened;
  for (let i = 0; i < tasks && pendingShards(grown.run.work) > 0; i++) grown = addRoundTask(grown, ctx, tasks);
  return grown;
}

/** Epoch starts a run keeps to roll back to: rollbacks in a row walk back through them. */
export const KEPT_CHECKPOINTS = 4;

export const pendingShards = (work: Work): number => (work.kind === 'train' || work.kind === 'adam-init' ? work.pending.length : 0);

const freshRound = (pending: ShardRef[], now: number) => ({ pending, round: 0, openedAt: now, quorumAt: null });

/**
 * The next epoch (numbered by the controller's count of finished epochs) from its first round. The
 * run as it stands here is the checkpoint a rollback during the epoch returns to.
 */
export function startEpoch(step: RunStep, ctx: RunContext): RunStep {
  const { run } = step;
  const epoch = run.controller.epoch;
  const work: Work = { kind: 'train', epoch, learningRate: run.controller.learningRate, ...freshRound(epochOrder(ctx.layout, ctx.config.seed, epoch), ctx.now) };
  const epochRecord = { startedAt: ctx.now, tally: emptyTally() };
  const checkpoint = { version: run.version, run: { controller: run.controller, epoch: epochRecord, history: run.history, testAcc: run.testAcc } };
  const checkpoints = [...run.checkpoints, checkpoint].slice(-KEPT_CHECKPOINTS);
  return openRound({ ...step, run: { ...run, work, epoch: epochRecord, checkpoints } }, ctx);
}

/** One eval task per shard of the split, all in one round. */
export function startEval(step: RunStep, ctx: RunContext, split: 'val' | 'test'): RunStep {
  const run: RunRecord = { ...step.run, work: { kind: 'eval', split }, roundFirstTask: step.run.nextTask, nextTask: step.run.nextTask + ctx.layout[split].length };
  return { ...step, run, tasks: ctx.layout[split].map((shard, i) => newTask(step.run, step.run.nextTask + i, 'eval', [shard], [], ctx)) };
}

/** Pass p after e finished epochs visits the shards in the order of epoch e + p, as the in-process runner does. */
export function startAdamInitPass(step: RunStep, ctx: RunContext, work: Extract<Work, { kind: 'adam-init' }>, pass: number): RunStep {
  const order = epochOrder(ctx.layout, ctx.config.seed, step.run.controller.epoch + pass);
  return openRound({ ...step, run: { ...step.run, work: { ...work, pass, tally: emptyTally(), ...freshRound(order, ctx.now) } } }, ctx);
}

export function startAdamInit(step: RunStep, ctx: RunContext, effect: Extract<ControllerEffect, { type: 'adam-init' }>): RunStep {
  const work: Extract<Work, { kind: 'adam-init' }> = {
    kind: 'adam-init', stages: effect.stages, targetTrainAcc: effect.targetTrainAcc, maxEpochs: effect.maxEpochs, learningRate: effect.learningRate,
    pass: 0, tally: emptyTally(), ...freshRound([], ctx.now),
  };
  return startAdamInitPass(step, ctx, work, 0);
}

export function finishRun(step: RunStep, reason: DoneReason): RunStep {
  return { ...step, run: { ...step.run, status: 'done', doneReason: reason, work: { kind: 'none' } }, tasks: [] };
}
