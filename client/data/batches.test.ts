import { describe, expect, it } from 'vitest';
import type { ShardData } from './batch.ts';
import { shardBatches, type BatchOptions } from './batches.ts';

// 10 images of 8x8x2; image n has every pixel of channel 0 equal to n and of channel 1 to 255 - n.
const input = { height: 8, width: 8, channels: 2 };
const shard: ShardData = {
  input, count: 10,
  images: Uint8Array.from({ length: 10 * 128 }, (_, i) => (i % 2 === 0 ? Math.floor(i / 128) : 255 - Math.floor(i / 128))),
  labels: Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
};
const options: BatchOptions = { batchSize: 4, seed: null, augment: false, mean: [0.5, 0.25], std: [0.5, 2] };
const batches = (overrides: Partial<BatchOptions>) => [...shardBatches(shard, { ...options, ...overrides })];
const labels = (list: { y: Int32Array }[]) => list.flatMap((batch) => [...batch.y]);

describe('shardBatches', () => {
  it('keeps file order without a seed and keeps the last partial batch', () => {
    const list = batches({});
    expect(list.map((batch) => batch.size)).toEqual([4, 4, 2]);
    expect(labels(list)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(list[2]!.x).toHaveLength(2 * 128);
    expect(list[0]!.input).toEqual(input);
  });

  it('normalizes each channel as (pixel / 255 - mean) / std, NHWC', () => {
    const [first] = batches({});
    // Image 1: channel 0 is 1, channel 1 is 254.
    expect(first!.x[128]).toBeCloseTo((1 / 255 - 0.5) / 0.5, 6);
    expect(first!.x[129]).toBeCloseTo((254 / 255 - 0.25) / 2, 6);
    expect(first!.x[0]).toBeCloseTo(-1, 6);
    expect(first!.x[1]).toBeCloseTo((1 - 0.25) / 2, 6);
  });

  it('shuffles with the seed: every image once, same order for the same seed', () => {
    const order = labels(batches({ seed: 5 }));
    expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(order).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(labels(batches({ seed: 5 }))).toEqual(order);
    expect(labels(batches({ seed: 6 }))).not.toEqual(order);
  });

  it('keeps each image with its label when shuffling', () => {
    for (const batch of batches({ seed: 9 })) {
      for (let slot = 0; slot < batch.size; slot++) {
        expect(batch.x[slot * 128]).toBeCloseTo((batch.y[slot]! / 255 - 0.5) / 0.5, 6);
      }
    }
  });

  it('augments deterministically per seed, padding with black', () => {
    const first = batches({ seed: 3, augment: true });
    expect(batches({ seed: 3, augment: true })).toEqual(first);
    // Channel 1 is never 0 in the shard, so a 0 there (normalized -0.125) is padding.
    const isPadding = (value: number, i: number) => i % 2 === 1 && Math.abs(value - (0 - 0.25) / 2) < 1e-6;
    expect(first.flatMap((batch) => [...batch.x]).filter(isPadding).length).toBeGreaterThan(0);
    expect(batches({ seed: 3 }).flatMap((batch) => [...batch.x]).filter(isPadding)).toHaveLength(0);
    expect(() => batches({ augment: true })).toThrow(/augmentation needs a seed/);
  });

  it('checks batch size and per-channel constants', () => {
    expect(() => batches({ batchSize: 0 })).toThrow(/batchSize must be a positive integer, got 0/);
    expect(() => batches({ mean: [0.5] })).toThrow(/expected 2 per-channel means and stds, got 1 and 2/);
  });
});
