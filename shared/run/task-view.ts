// A leased task as the volunteer receives it: the record plus everything needed to run it
// (shard URLs, hyperparameters, normalization, the lease token and where the state lives).
import { shardPath } from '../dataset/index.ts';
import type { LeasedTask } from '../protocol/index.ts';
import type { RunContext } from './run-context.ts';
import type { LeaseRecord, RunRecord, TaskRecord } from './run-record.ts';

function stateUrl(runId: string, version: number): string {
  return `/api/runs/${runId}/state/${version}`;
}

export function taskView(run: RunRecord, task: TaskRecord, lease: LeaseRecord, leaseToken: string, ctx: Pick<RunContext, 'config' | 'layout'>): LeasedTask {
  const { config, layout } = ctx;
  const common = {
    taskId: task.id,
    runId: run.id,
    version: task.version,
    leaseToken,
    deadline: lease.deadline,
    stateUrl: stateUrl(run.id, task.version),
    // Rooted at the site, whatever page the volunteer runs on.
    shards: task.shards.map((shard) => ({ ...shard, url: `/${shardPath(layout, shard)}` })),
    batchSize: config.optimizer.batchSize,
    normalization: { mean: [...layout.facts.mean], std: [...layout.facts.std] },
  };
  const { work } = run;
  const refusedNorm = config.fleet.aggregation === 'norm-clip' ? null : config.fleet.maxDeltaNorm;
  if (task.kind === 'train' && work.kind === 'train') {
    const { momentum, weightDecay } = config.optimizer;
    return {
      kind: 'train', ...common, epoch: work.epoch, round: work.round, seeds: [...task.seeds],
      hyper: { learningRate: work.learningRate * run.learningRateScale * (task.learningRateFactor ?? 1), momentum, weightDecay }, augment: layout.facts.augment, encodings: [...config.fleet.deltaEncodings],
      maxDeltaNorm: refusedNorm, reproducible: config.fleet.trainReplication > 0,
    };
  }
  if (task.kind === 'adam-init' && work.kind === 'adam-init') {
    return { kind: 'adam-init', ...common, stages: [...work.stages], learningRate: work.learningRate * run.learningRateScale, seeds: [...task.seeds], augment: layout.facts.augment, encodings: [...config.fleet.deltaEncodings], maxDeltaNorm: refusedNorm };
  }
  if (task.kind === 'eval' && work.kind === 'eval') return { kind: 'eval', ...common, split: work.split };
  throw new Error(`taskView: task ${task.id} is ${task.kind}, the run is doing ${work.kind}`);
}
