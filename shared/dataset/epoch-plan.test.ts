import { describe, expect, it } from 'vitest';
import { DatasetConfigSchema } from '../config/run-config.ts';
import { epochOrder, trainTaskSeed } from './epoch-plan.ts';
import { datasetLayout } from './layout.ts';

const layout = datasetLayout(DatasetConfigSchema.parse({ name: 'mnist', shardSize: 2000 }));
const indices = (order: { index: number }[]) => order.map((ref) => ref.index);

describe('epochOrder', () => {
  it('covers every train shard exactly once per epoch', () => {
    const order = epochOrder(layout, 7, 0);
    expect(layout.train).toHaveLength(27);
    expect(indices(order).sort((a, b) => a - b)).toEqual(layout.train.map((ref) => ref.index));
    expect(order.every((ref) => ref.split === 'train')).toBe(true);
  });

  it('shuffles differently per epoch and per run seed, and the same for the same inputs', () => {
    const epoch0 = indices(epochOrder(layout, 7, 0));
    expect(indices(epochOrder(layout, 7, 0))).toEqual(epoch0);
    expect(indices(epochOrder(layout, 7, 1))).not.toEqual(epoch0);
    expect(indices(epochOrder(layout, 8, 0))).not.toEqual(epoch0);
    expect(epoch0).not.toEqual([...epoch0].sort((a, b) => a - b));
  });
});

describe('trainTaskSeed', () => {
  it('is deterministic and differs across epoch and shard', () => {
    const seeds = new Set<number>();
    for (let epoch = 0; epoch < 5; epoch++) for (let shard = 0; shard < 20; shard++) seeds.add(trainTaskSeed(3, epoch, shard));
    expect(seeds.size).toBe(100);
    expect(trainTaskSeed(3, 2, 5)).toBe(trainTaskSeed(3, 2, 5));
    expect(trainTaskSeed(3, 2, 5)).not.toBe(trainTaskSeed(4, 2, 5));
  });
});
