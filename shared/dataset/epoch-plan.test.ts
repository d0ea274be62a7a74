import { describe, expect, it } from 'vitest';
import { DatasetConfigSchema } from '../config/run-config.ts';
import { epochRounds, trainTaskSeed } from './epoch-plan.ts';
import { datasetLayout } from './layout.ts';

// 27 train shards: rounds of 4 leave a last round of 3.
const layout = datasetLayout(DatasetConfigSchema.parse({ name: 'mnist', shardSize: 2000 }));
const indices = (rounds: { index: number }[][]) => rounds.flat().map((ref) => ref.index);

describe('epochRounds', () => {
  it('covers every train shard exactly once per epoch, in rounds of roundSize with a smaller last round', () => {
    const rounds = epochRounds(layout, 7, 0, 4);
    expect(layout.train).toHaveLength(27);
    expect(rounds.map((round) => round.length)).toEqual([...new Array<number>(6).fill(4), 3]);
    expect(indices(rounds).sort((a, b) => a - b)).toEqual(layout.train.map((ref) => ref.index));
    expect(rounds.flat().every((ref) => ref.split === 'train')).toBe(true);
  });

  it('shuffles differently per epoch and per run seed, and the same for the same inputs', () => {
    const epoch0 = indices(epochRounds(layout, 7, 0, 4));
    expect(indices(epochRounds(layout, 7, 0, 4))).toEqual(epoch0);
    expect(indices(epochRounds(layout, 7, 1, 4))).not.toEqual(epoch0);
    expect(indices(epochRounds(layout, 8, 0, 4))).not.toEqual(epoch0);
    expect(epoch0).not.toEqual([...epoch0].sort((a, b) => a - b));
  });

  it('puts the whole epoch in one round when roundSize exceeds the shard count', () => {
    expect(epochRounds(layout, 1, 0, 1000)).toHaveLength(1);
    expect(() => epochRounds(layout, 1, 0, 0)).toThrow(/roundSize must be a positive integer, got 0/);
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
