import { describe, expect, it } from 'vitest';
import { DatasetConfigSchema } from '../../shared/config/run-config.ts';
import { datasetLayout, splitImageIndices } from '../../shared/dataset/layout.ts';
import { datasetSource } from './dataset-source.ts';
import { syntheticSets } from './synthetic.ts';

const synthetic = { input: { height: 8, width: 8, channels: 1 }, classes: 4, trainSize: 90, testSize: 25 };
const layout = datasetLayout(DatasetConfigSchema.parse({ name: 'synthetic', synthetic, validationFraction: 0.2, shardSize: 20 }));
const sets = syntheticSets(synthetic);
if (!sets.ok) throw new Error(sets.error);
const files = sets.value;

describe('datasetSource', () => {
  it('cuts each shard from the file images its layout assigns it, labels alongside', () => {
    const opened = datasetSource(layout, files);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const indices = splitImageIndices(layout);
    for (const split of ['train', 'val', 'test'] as const) {
      const file = split === 'test' ? files.test : files.train;
      const images = layout[split].flatMap((ref) => {
        const shard = opened.value.shard(ref);
        expect(shard.count).toBe(ref.count);
        return Array.from({ length: shard.count }, (_, n) => [shard.labels[n], shard.images.subarray(n * 64, (n + 1) * 64).join()]);
      });
      expect(images).toEqual(indices[split].map((i) => [file.labels[i], file.images.subarray(i * 64, (i + 1) * 64).join()]));
    }
  });

  it('refuses files whose size or shape differ from the facts', () => {
    const short = { ...files, train: { ...files.train, count: 89 } };
    expect(datasetSource(layout, short)).toEqual({ ok: false, error: 'datasetSource: expected 90 train images of 8x8x1, got 89 of 8x8x1' });
    const wide = { ...files, test: { ...files.test, input: { height: 8, width: 9, channels: 1 } } };
    expect(datasetSource(layout, wide).ok).toBe(false);
  });

  it('refuses a label out of range', () => {
    const labels = files.test.labels.slice();
    labels[3] = 4;
    expect(datasetSource(layout, { ...files, test: { ...files.test, labels } })).toEqual({
      ok: false, error: 'datasetSource: label 4 of test image 3 out of range 0..3',
    });
  });
});
