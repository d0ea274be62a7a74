// Which train shards each round of an epoch passes over, and the seed of each train task: both
// follow from the run seed alone, so a restarted coordinator plans the same epoch again.
import { deriveSeed, RandomGenerator } from '../random/generator.ts';
import type { DatasetLayout, ShardRef } from './layout.ts';

/** Keeps task seeds apart from other seeds derived from (runSeed, epoch, ...). */
const TRAIN_TASK_SALT = 0x7461736b;

/**
 * The epoch's train shards in an order shuffled by deriveSeed(runSeed, epoch), cut into
 * consecutive rounds of roundSize shards (the last round smaller): each shard appears once.
 */
export function epochRounds(layout: DatasetLayout, runSeed: number, epoch: number, roundSize: number): ShardRef[][] {
  if (!Number.isInteger(roundSize) || roundSize < 1) {
    throw new Error(`epochRounds: roundSize must be a positive integer, got ${roundSize}`);
  }
  const order = new RandomGenerator(deriveSeed(runSeed, epoch)).shuffle(layout.train);
  const rounds: ShardRef[][] = [];
  for (let start = 0; start < order.length; start += roundSize) {
    rounds.push(order.slice(start, start + roundSize));
  }
  return rounds;
}

/** Seed of the train task over one shard in one epoch: drives its batch order and augmentation. */
export function trainTaskSeed(runSeed: number, epoch: number, shardIndex: number): number {
  return deriveSeed(runSeed, TRAIN_TASK_SALT, epoch, shardIndex);
}
