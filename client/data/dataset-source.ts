// Shards cut in memory from a dataset's whole train and test files, following the layout: what
// the in-process runner trains on, and what the prepare step writes to disk.
import type { DatasetLayout, ShardRef } from '../../shared/dataset/layout.ts';
import { shardRange, splitImageIndices } from '../../shared/dataset/layout.ts';
import type { Result } from '../../shared/result/index.ts';
import type { ShardData } from './batch.ts';

/** A dataset's training file and test file, decoded. */
export interface DatasetFiles {
  train: ShardData;
  test: ShardData;
}

export interface DatasetSource {
  layout: DatasetLayout;
  /** The images of one shard of the layout, in shard order; throws for a shard not in it. */
  shard(ref: ShardRef): ShardData;
}

export type SourceOpen = Result<DatasetSource>;

/** Checks the files against the layout's facts: the permutation depends on the exact file sizes. */
export function datasetSource(layout: DatasetLayout, files: DatasetFiles): SourceOpen {
  const { input, classes } = layout.facts;
  for (const [name, file, size] of [['train', files.train, layout.facts.trainSize], ['test', files.test, layout.facts.testSize]] as const) {
    const shape = `${file.input.height}x${file.input.width}x${file.input.channels}`;
    if (shape !== `${input.height}x${input.width}x${input.channels}` || file.count !== size) {
      return { ok: false, error: `datasetSource: expected ${size} ${name} images of ${input.height}x${input.width}x${input.channels}, got ${file.count} of ${shape}` };
    }
    const bad = file.labels.findIndex((label) => label >= classes);
    if (bad >= 0) return { ok: false, error: `datasetSource: label ${file.labels[bad]} of ${name} image ${bad} out of range 0..${classes - 1}` };
  }
  const indices = splitImageIndices(layout);
  const imageSize = input.height * input.width * input.channels;
  const shard = (ref: ShardRef): ShardData => {
    const { start, end } = shardRange(layout, ref);
    const file = ref.split === 'test' ? files.test : files.train;
    const images = new Uint8Array(ref.count * imageSize);
    const labels = new Uint8Array(ref.count);
    indices[ref.split].slice(start, end).forEach((image, slot) => {
      images.set(file.images.subarray(image * imageSize, (image + 1) * imageSize), slot * imageSize);
      labels[slot] = file.labels[image]!;
    });
    return { input: { ...input }, count: ref.count, images, labels };
  };
  return { ok: true, value: { layout, shard } };
}
