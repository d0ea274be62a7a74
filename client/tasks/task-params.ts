// What the engine needs to run one task besides the model state and the shard. The values come
// from the leased task (shared/run/task-view.ts derives them from the run's config).

export interface TrainParams {
  /** Batch order and augmentation of each of the task's shards, in order (trainTaskSeed). */
  seeds: number[];
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
