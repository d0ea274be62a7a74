// The order an epoch passes over the train shards, and the seed of each shard's training: both
// follow from the run seed alone, so a restarted coordinator plans the same epoch again.
import { deriveSeed, RandomGenerator } from '../random/generator.ts';
import type { DatasetLayout, ShardRef } from './layout.ts';

/** Keeps task seeds apart from other seeds derived from (runSeed, epoch, ...). */
const TRAIN_TASK_SALT = 0x7461736b;

/** The epoch's train shards in an order shuffled by deriveSeed(runSeed, epoch): each shard once. */
export function epochOrder(layout: DatasetLayout, runSeed: number, epoch: number): ShardRef[] {
  return new RandomGenerator(deriveSeed(runSeed, epoch)).shuffle(layout.train);
}

/** Seed of the train task over one shard in one epoch: drives its batch order and augmentation. */
export function trainTaskSeed(runSeed: number, epoch: number, shardIndex: number): number {
  return deriveSeed(runSeed, TRAIN_TASK_SALT, epoch, shardIndex);
}
