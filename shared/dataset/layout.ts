// Which images form which shard: a pure function of the dataset config, so the coordinator
// (which never reads image files) and the prepare step agree on every shard and its size.
import type { InputShape } from '../architecture/spec.ts';
import type { DatasetName } from '../config/run-config.ts';

export interface DatasetFacts {
  input: InputShape;
  classes: number;
  trainSize: number;
  testSize: number;
  /** Pad-4 random crop + horizontal flip (32x32 natural images); none for digits. */
  augment: boolean;
}

export const DATASET_FACTS: Record<Exclude<DatasetName, 'synthetic'>, DatasetFacts> = {
  mnist: { input: { height: 28, width: 28, channels: 1 }, classes: 10, trainSize: 60000, testSize: 10000, augment: false },
  'fashion-mnist': { input: { height: 28, width: 28, channels: 1 }, classes: 10, trainSize: 60000, testSize: 10000, augment: false },
  cifar10: { input: { height: 32, width: 32, channels: 3 }, classes: 10, trainSize: 50000, testSize: 10000, augment: true },
  cifar100: { input: { height: 32, width: 32, channels: 3 }, classes: 100, trainSize: 50000, testSize: 10000, augment: true },
  svhn: { input: { height: 32, width: 32, channels: 3 }, classes: 10, trainSize: 73257, testSize: 26032, augment: false },
};

export type SplitName = 'train' | 'val' | 'test';

export interface ShardRef {
  split: SplitName;
  /** Index within its split. */
  index: number;
  /** Number of images in the shard. */
  count: number;
}
