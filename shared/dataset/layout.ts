// Which images form which shard: a pure function of the dataset config, so the coordinator
// (which never reads image files) and the prepare step agree on every shard and its size.
//
// The rule. The training file's images are permuted once with LAYOUT_SEED, which does not
// depend on the run seed, so prepared shards serve every run. The first
// n = min(trainLimit ?? trainSize, trainSize) permuted images are used; of those, the last
// round(n * validationFraction) form the val split (clamped to 1..n-1 when n >= 2, so that
// neither split is empty) and the rest the train split. Each split is cut into shards of
// shardSize images, the last one smaller. The test file is cut the same way in file order.
import type { RunConfig } from '../config/run-config.ts';
import { RandomGenerator } from '../random/generator.ts';
import { datasetFacts, type DatasetFacts } from './facts.ts';

export { DATASET_FACTS, type DatasetFacts } from './facts.ts';

export type SplitName = 'train' | 'val' | 'test';

export interface ShardRef {
  split: SplitName;
  /** Index within its split. */
  index: number;
  /** Number of images in the shard. */
  count: number;
}

export interface DatasetLayout {
  /** Names the layout in URL paths and manifests: same key, same shards. */
  key: string;
  facts: DatasetFacts;
  train: ShardRef[];
  val: ShardRef[];
  test: ShardRef[];
}

const LAYOUT_SEED = 0x4147534c;

export function datasetLayout(dataset: RunConfig['dataset']): DatasetLayout {
  const facts = datasetFacts(dataset);
  const used = Math.min(dataset.trainLimit ?? facts.trainSize, facts.trainSize);
  const val = used < 2 ? 0 : Math.min(Math.max(Math.round(used * dataset.validationFraction), 1), used - 1);
  return {
    key: layoutKey(dataset, facts, used),
    facts,
    train: cutShards('train', used - val, dataset.shardSize),
    val: cutShards('val', val, dataset.shardSize),
    test: cutShards('test', facts.testSize, dataset.shardSize),
  };
}

/** Relative URL path of a shard file, under the client's static root. */
export function shardPath(layout: DatasetLayout, ref: ShardRef): string {
  return `data/${layout.key}/${ref.split}-${String(ref.index).padStart(5, '0')}.bin`;
}

/** For each split, the image indices into its source file (train file for train and val), in shard order. */
export function splitImageIndices(layout: DatasetLayout): Record<SplitName, number[]> {
  const trainCount = splitSize(layout.train);
  const used = trainCount + splitSize(layout.val);
  const permuted = new RandomGenerator(LAYOUT_SEED).shuffle(range(layout.facts.trainSize));
  return {
    train: permuted.slice(0, trainCount),
    val: permuted.slice(trainCount, used),
    test: range(splitSize(layout.test)),
  };
}

/** Positions [start, end) of a shard's images within its split's list of image indices. */
export function shardRange(layout: DatasetLayout, ref: ShardRef): { start: number; end: number } {
  const shards = layout[ref.split];
  const known = shards[ref.index];
  if (!known || known.count !== ref.count) {
    throw new Error(`shardRange: layout ${layout.key} has no ${ref.split} shard ${ref.index} of ${ref.count} images`);
  }
  const start = splitSize(shards.slice(0, ref.index));
  return { start, end: start + ref.count };
}

function layoutKey(dataset: RunConfig['dataset'], facts: DatasetFacts, used: number): string {
  const { height, width, channels } = facts.input;
  // Synthetic data is defined by its parameters, so they name it; real files by their name alone.
  const source = dataset.name === 'synthetic'
    ? `synthetic-${height}x${width}x${channels}-c${facts.classes}-train${facts.trainSize}-test${facts.testSize}`
    : dataset.name;
  return `${source}-n${used}-v${dataset.validationFraction}-s${dataset.shardSize}`;
}

function cutShards(split: SplitName, size: number, shardSize: number): ShardRef[] {
  const shards: ShardRef[] = [];
  for (let start = 0; start < size; start += shardSize) {
    shards.push({ split, index: shards.length, count: Math.min(shardSize, size - start) });
  }
  return shards;
}

function splitSize(shards: ShardRef[]): number {
  return shards.reduce((sum, shard) => sum + shard.count, 0);
}

function range(size: number): number[] {
  return Array.from({ length: size }, (_, i) => i);
}
