import { describe, expect, it } from 'vitest';
import { DatasetConfigSchema } from '../../shared/config/run-config.ts';
import { datasetFacts } from '../../shared/dataset/facts.ts';
import type { ShardData } from './batch.ts';
import { syntheticSets, type SyntheticParams } from './synthetic.ts';

const params: SyntheticParams = { input: { height: 12, width: 12, channels: 3 }, classes: 10, trainSize: 400, testSize: 200 };

function draw(p: SyntheticParams, seed?: number) {
  const sets = syntheticSets(p, seed);
  if (!sets.ok) throw new Error(sets.error);
  return sets.value;
}

/** Nearest class mean: a stand-in for "a small model learns it" that needs no engine. */
function nearestMeanAccuracy(train: ShardData, test: ShardData, classes: number): number {
  const size = train.images.length / train.count;
  const sums = Array.from({ length: classes }, () => new Float64Array(size));
  const counts = new Array<number>(classes).fill(0);
  for (let n = 0; n < train.count; n++) {
    const label = train.labels[n]!;
    counts[label]!++;
    for (let i = 0; i < size; i++) sums[label]![i]! += train.images[n * size + i]!;
  }
  let correct = 0;
  for (let n = 0; n < test.count; n++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let c = 0; c < classes; c++) {
      let distance = 0;
      for (let i = 0; i < size; i++) distance += (test.images[n * size + i]! - sums[c]![i]! / Math.max(counts[c]!, 1)) ** 2;
      if (distance < bestDistance) [best, bestDistance] = [c, distance];
    }
    if (best === test.labels[n]) correct++;
  }
  return correct / test.count;
}

describe('syntheticSets', () => {
  it('draws the configured shapes and sizes with labels in range', () => {
    const { train, test } = draw(params);
    expect([train.count, test.count]).toEqual([400, 200]);
    expect(train.images.length).toBe(400 * 12 * 12 * 3);
    expect(Math.max(...train.labels)).toBeLessThan(10);
    expect(new Set(train.labels).size).toBe(10);
  });

  it('gives the same bytes for the same seed and different bytes for another', () => {
    expect(draw(params)).toEqual(draw(params));
    expect(draw(params, 1).train.images).not.toEqual(draw(params).train.images);
  });

  it('is learnable: a nearest-class-mean classifier is far above chance on the test set', () => {
    const { train, test } = draw(params);
    expect(nearestMeanAccuracy(train, test, 10)).toBeGreaterThan(0.9);
  });

  it('matches the normalization constants in its DatasetFacts', () => {
    const { train } = draw({ ...params, trainSize: 2000 });
    const facts = datasetFacts(DatasetConfigSchema.parse({ name: 'synthetic', synthetic: params }));
    const values = Array.from(train.images, (v) => v / 255);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(facts.mean[0]!, 2);
    expect(std).toBeCloseTo(facts.std[0]!, 2);
  });

  it('refuses more classes than uint8 labels can hold', () => {
    expect(syntheticSets({ ...params, classes: 300 })).toEqual({ ok: false, error: 'syntheticSets: labels are stored as uint8, so at most 256 classes, got 300' });
  });
});
