// Mini-batches over one shard: shuffled by the task seed (or in file order for evaluation),
// optionally augmented, normalized per channel into NHWC float32 for the engine.
import { RandomGenerator } from '../../shared/random/generator.ts';
import { augmentImage } from './augment.ts';
import type { Batch, ShardData } from './batch.ts';

export interface BatchOptions {
  batchSize: number;
  /** Shuffles image order and drives augmentation; null keeps file order (evaluation). */
  seed: number | null;
  augment: boolean;
  /** Per-channel mean and std on the 0-1 scale (DatasetFacts). */
  mean: number[];
  std: number[];
}

/** Every image of the shard exactly once; the last batch holds the remainder. */
export function* shardBatches(shard: ShardData, options: BatchOptions): Generator<Batch> {
  const { input, count } = shard;
  const { batchSize, seed, augment } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`shardBatches: batchSize must be a positive integer, got ${batchSize}`);
  if (augment && seed === null) throw new Error('shardBatches: augmentation needs a seed, got null');
  const table = normalizationTable(input.channels, options.mean, options.std);
  const rng = seed === null ? null : new RandomGenerator(seed);
  const identity = Array.from({ length: count }, (_, i) => i);
  const order = rng ? rng.shuffle(identity) : identity;
  const imageSize = input.height * input.width * input.channels;
  const augmented = new Uint8Array(imageSize);
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    const x = new Float32Array(size * imageSize);
    const y = new Int32Array(size);
    for (let slot = 0; slot < size; slot++) {
      const image = order[start + slot]!;
      let pixels = shard.images.subarray(image * imageSize, (image + 1) * imageSize);
      if (augment && rng) {
        augmentImage(pixels, input, rng, augmented);
        pixels = augmented;
      }
      const base = slot * imageSize;
      for (let i = 0; i < imageSize; i++) x[base + i] = table[(i % input.channels) * 256 + pixels[i]!]!;
      y[slot] = shard.labels[image]!;
    }
    yield { x, y, size, input };
  }
}

/** (value / 255 - mean[c]) / std[c] for every channel c and byte value. */
function normalizationTable(channels: number, mean: number[], std: number[]): Float32Array {
  if (mean.length !== channels || std.length !== channels) {
    throw new Error(`shardBatches: expected ${channels} per-channel means and stds, got ${mean.length} and ${std.length}`);
  }
  const table = new Float32Array(channels * 256);
  for (let c = 0; c < channels; c++) {
    for (let value = 0; value < 256; value++) table[c * 256 + value] = (value / 255 - mean[c]!) / std[c]!;
  }
  return table;
}
