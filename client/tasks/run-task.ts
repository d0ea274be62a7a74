// Runs one task on this machine: train over its shards and return the state delta, or evaluate.
// The in-process runner and every volunteer use these, so both compute the same numbers.
import { subtractTensors } from '../../shared/aggregate/index.ts';
import type { ModelState, NamedTensor } from '../../shared/state/types.ts';
import type { VolunteerMemory } from './volunteer-memory.ts';
import type { Batch, ShardData } from '../data/batch.ts';
import { shardBatches } from '../data/batches.ts';
import { Trainer, type EvalSummary, type TrainSummary } from '../engine/index.ts';
import type { EvalParams, TrainParams } from './task-params.ts';

export interface TrainResult {
  delta: NamedTensor[];
  summary: TrainSummary;
}

export type ProgressListener = (samplesDone: number, samplesTotal: number) => void;

/** The shards one after another, each shuffled and augmented by its own seed. */
function* taskBatches(shards: ShardData[], params: TrainParams): Generator<Batch> {
  if (shards.length === 0 || shards.length !== params.seeds.length) {
    throw new Error(`taskBatches: expected one seed per shard and at least one shard, got ${shards.length} shards and ${params.seeds.length} seeds`);
  }
  for (const [i, shard] of shards.entries()) {
    yield* shardBatches(shard, { batchSize: params.batchSize, seed: params.seeds[i]!, augment: params.augment, mean: params.mean, std: params.std });
  }
}

const imageCount = (shards: ShardData[]): number => shards.reduce((sum, shard) => sum + shard.count, 0);

/** The trainer's tensors that belong to the run's state, in its order (momentum and Adam's moments left aside). */
function stateTensors(after: NamedTensor[], state: ModelState): NamedTensor[] {
  const kept = new Set(state.tensors.map((t) => t.name));
  return after.filter((t) => kept.has(t.name));
}

/** SGD from the volunteer's own momentum (memory), which it keeps for its next task. */
export async function trainTask(state: ModelState, shards: ShardData[], params: TrainParams, memory: VolunteerMemory, onProgress?: ProgressListener): Promise<TrainResult> {
  const trainer = new Trainer({ architecture: state.architecture, tensors: [...state.tensors, ...memory.momentumFor(state)] });
  try {
    const hyper = { learningRate: params.learningRate, momentum: params.momentum, weightDecay: params.weightDecay };
    const summary = await trainer.trainBatches(taskBatches(shards, params), hyper, (done) => onProgress?.(done, imageCount(shards)));
    const after = (await trainer.state()).tensors;
    memory.keepMomentum(after);
    return { delta: subtractTensors(stateTensors(after, state), state.tensors), summary };
  } finally {
    trainer.dispose();
  }
}

/** AdamInit: only the last BN of each listed stage's newest block trains, with Adam. */
export async function adamInitTask(
  state: ModelState,
  shards: ShardData[],
  params: TrainParams & { stages: number[] },
  onProgress?: ProgressListener,
): Promise<TrainResult> {
  const trainer = new Trainer(state);
  try {
    const options = { stages: params.stages, learningRate: params.learningRate };
    const summary = await trainer.adamInitBatches(taskBatches(shards, params), options, (done) => onProgress?.(done, imageCount(shards)));
    // Adam's moments stay with the task: the run's state (and so the delta) keeps its tensors,
    // and each AdamInit task starts Adam afresh over its shards.
    return { delta: subtractTensors(stateTensors((await trainer.state()).tensors, state), state.tensors), summary };
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
