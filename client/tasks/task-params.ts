// What a volunteer needs to run one task besides the model state and the shard: the same
// values whether the task came from the coordinator or from the in-process runner.
import type { DatasetFacts } from '../../shared/dataset/facts.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';

export interface TrainParams {
  /** Batch order and augmentation of this task (trainTaskSeed). */
  seed: number;
  batchSize: number;
  learningRate: number;
  momentum: number;
  weightDecay: number;
  augment: boolean;
  mean: number[];
  std: number[];
}

export interface EvalParams {
  batchSize: number;
  mean: number[];
  std: number[];
}

export function trainParams(config: RunConfig, facts: DatasetFacts, learningRate: number, seed: number): TrainParams {
  const { batchSize, momentum, weightDecay } = config.optimizer;
  return { seed, batchSize, learningRate, momentum, weightDecay, augment: facts.augment, mean: facts.mean, std: facts.std };
}

/** The coordinator hands out eval tasks with the training batch size; so does the runner. */
export function evalParams(config: RunConfig, facts: DatasetFacts): EvalParams {
  return { batchSize: config.optimizer.batchSize, mean: facts.mean, std: facts.std };
}
