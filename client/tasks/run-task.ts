// Runs one task on this machine: train over a shard and return the state delta, or evaluate.
// The in-process runner and every volunteer use these, so both compute the same numbers.
import { subtractTensors } from '../../shared/aggregate/index.ts';
import type { ModelState, NamedTensor } from '../../shared/state/types.ts';
import type { ShardData } from '../data/batch.ts';
import { shardBatches } from '../data/batches.ts';
import { Trainer, type EvalSummary, type TrainSummary } from '../engine/index.ts';
import type { EvalParams, TrainParams } from './task-params.ts';

export interface TrainResult {
  delta: NamedTensor[];
  summary: TrainSummary;
}

export type ProgressListener = (samplesDone: number, samplesTotal: number) => void;

export async function trainTask(state: ModelState, shard: ShardData, params: TrainParams, onProgress?: ProgressListener): Promise<TrainResult> {
  const trainer = new Trainer(state);
  try {
    const batches = shardBatches(shard, { batchSize: params.batchSize, seed: params.seed, augment: params.augment, mean: params.mean, std: params.std });
    const hyper = { learningRate: params.learningRate, momentum: params.momentum, weightDecay: params.weightDecay };
    const summary = await trainer.trainBatches(batches, hyper, (done) => onProgress?.(done, shard.count));
    return { delta: subtractTensors((await trainer.state()).tensors, state.tensors), summary };
  } finally {
    trainer.dispose();
  }
}

/** AdamInit: only the last BN of each listed stage's newest block trains, with Adam. */
export async function adamInitTask(
  state: ModelState,
  shard: ShardData,
  params: TrainParams & { stages: number[] },
  onProgress?: ProgressListener,
): Promise<TrainResult> {
  const trainer = new Trainer(state);
  try {
    const batches = shardBatches(shard, { batchSize: params.batchSize, seed: params.seed, augment: params.augment, mean: params.mean, std: params.std });
    const summary = await trainer.adamInitBatches(batches, { stages: params.stages, learningRate: params.learningRate }, (done) => onProgress?.(done, shard.count));
    // Adam's moments stay with the task: the run's state (and so the delta) keeps its tensors,
    // and each AdamInit task starts Adam afresh over its one shard.
    const kept = new Set(state.tensors.map((t) => t.name));
    return { delta: subtractTensors((await trainer.state()).tensors.filter((t) => kept.has(t.name)), state.tensors), summary };
  } finally {
    trainer.dispose();
  }
}

export async function evalTask(state: ModelState, shards: ShardData[], params: EvalParams): Promise<EvalSummary> {
  const trainer = new Trainer(state);
  try {
    const total: EvalSummary = { samples: 0, correct: 0, loss: 0 };
    for (const shard of shards) {
      const result = await trainer.evaluate(shardBatches(shard, { batchSize: params.batchSize, seed: null, augment: false, mean: params.mean, std: params.std }));
      total.samples += result.samples;
      total.correct += result.correct;
      total.loss += result.loss;
    }
    return total;
  } finally {
    trainer.dispose();
  }
}
