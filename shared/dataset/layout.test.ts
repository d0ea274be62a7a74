import { describe, expect, it } from 'vitest';
import { DatasetConfigSchema, type RunConfig } from '../config/run-config.ts';
import { datasetFacts } from './facts.ts';
import { datasetLayout, shardPath, shardRange, splitImageIndices, type DatasetLayout, type SplitName } from './layout.ts';

const config = (input: Record<string, unknown>): RunConfig['dataset'] => DatasetConfigSchema.parse(input);
const total = (layout: DatasetLayout, split: SplitName) => layout[split].reduce((sum, ref) => sum + ref.count, 0);

describe('datasetLayout', () => {
  it('cuts full MNIST into 54000 train / 6000 val / 10000 test images in shards of shardSize', () => {
    const layout = datasetLayout(config({ name: 'mnist', shardSize: 2048 }));
    expect([total(layout, 'train'), total(layout, 'val'), total(layout, 'test')]).toEqual([54000, 6000, 10000]);
    expect(layout.train).toHaveLength(Math.ceil(54000 / 2048));
    expect(layout.train.slice(0, -1).every((ref) => ref.count === 2048)).toBe(true);
    expect(layout.train.at(-1)).toEqual({ split: 'train', index: 26, count: 54000 - 26 * 2048 });
    expect(layout.test.map((ref) => ref.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('uses min(trainLimit, trainSize) images and holds out round(n * validationFraction)', () => {
    const limited = datasetLayout(config({ name: 'cifar10', trainLimit: 1001, validationFraction: 0.25, shardSize: 100 }));
    expect([total(limited, 'train'), total(limited, 'val')]).toEqual([751, 250]);
    const capped = datasetLayout(config({ name: 'cifar10', trainLimit: 10 ** 9 }));
    expect(total(capped, 'train') + total(capped, 'val')).toBe(50000);
  });

  it('keeps at least one image in each of train and val', () => {
    const tiny = datasetLayout(config({ name: 'mnist', trainLimit: 3, validationFraction: 0.01 }));
    expect([total(tiny, 'train'), total(tiny, 'val')]).toEqual([2, 1]);
    const mostlyVal = datasetLayout(config({ name: 'mnist', trainLimit: 2, validationFraction: 0.9 }));
    expect([total(mostlyVal, 'train'), total(mostlyVal, 'val')]).toEqual([1, 1]);
  });

  it('names the layout by everything that changes its shards, safe in a URL path', () => {
    const base = { name: 'mnist', trainLimit: 5000, validationFraction: 0.1, shardSize: 512 };
    const keys = [
      base, { ...base, name: 'fashion-mnist' }, { ...base, trainLimit: 6000 },
      { ...base, validationFraction: 0.2 }, { ...base, shardSize: 256 },
    ].map((input) => datasetLayout(config(input)).key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9.-]+$/);
    const synthetic = { name: 'synthetic', synthetic: { input: { height: 8, width: 8, channels: 3 }, classes: 4, trainSize: 100, testSize: 20 } };
    const other = { ...synthetic, synthetic: { ...synthetic.synthetic, classes: 5 } };
    expect(datasetLayout(config(synthetic)).key).not.toBe(datasetLayout(config(other)).key);
    expect(datasetLayout(config(synthetic)).key).toMatch(/^[a-z0-9.-]+$/);
  });

  it('takes synthetic facts from the config', () => {
    const layout = datasetLayout(config({ name: 'synthetic', synthetic: { input: { height: 8, width: 8, channels: 3 }, classes: 4, trainSize: 100, testSize: 20 } }));
    expect(layout.facts).toMatchObject({ classes: 4, trainSize: 100, testSize: 20 });
    expect(layout.facts.mean).toHaveLength(3);
    expect(() => datasetFacts(config({ name: 'synthetic' }))).toThrow(/needs dataset.synthetic/);
  });
});

describe('splitImageIndices', () => {
  const layout = datasetLayout(config({ name: 'mnist', trainLimit: 20000, shardSize: 1000 }));

  it('uses every training-file image at most once, exactly n in train + val, all in range', () => {
    const { train, val } = splitImageIndices(layout);
    const used = [...train, ...val];
    expect(used).toHaveLength(20000);
    expect(new Set(used).size).toBe(20000);
    expect(used.every((i) => Number.isInteger(i) && i >= 0 && i < 60000)).toBe(true);
  });

  it('serves every run: the permutation does not depend on anything but the layout, and is not file order', () => {
    const again = splitImageIndices(datasetLayout(config({ name: 'mnist', trainLimit: 20000, shardSize: 1000 })));
    expect(again).toEqual(splitImageIndices(layout));
    expect(again.train.slice(0, 10)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a smaller trainLimit takes a prefix of the same permutation', () => {
    const small = splitImageIndices(datasetLayout(config({ name: 'mnist', trainLimit: 2000 })));
    const large = splitImageIndices(datasetLayout(config({ name: 'mnist', trainLimit: 20000 })));
    expect([...small.train, ...small.val]).toEqual(large.train.slice(0, 2000));
  });

  it('keeps the test file in order', () => {
    const test = splitImageIndices(layout).test;
    expect(test).toHaveLength(10000);
    expect(test.slice(0, 3)).toEqual([0, 1, 2]);
    expect(test.at(-1)).toBe(9999);
  });
});

describe('shardRange and shardPath', () => {
  const layout = datasetLayout(config({ name: 'mnist', trainLimit: 2500, validationFraction: 0.2, shardSize: 300 }));

  it('tiles each split with consecutive shard ranges', () => {
    for (const split of ['train', 'val', 'test'] as const) {
      let next = 0;
      for (const ref of layout[split]) {
        const { start, end } = shardRange(layout, ref);
        expect([start, end - start]).toEqual([next, ref.count]);
        next = end;
      }
      expect(next).toBe(total(layout, split));
    }
  });

  it('refuses a shard that is not in the layout', () => {
    expect(() => shardRange(layout, { split: 'val', index: 2, count: 300 })).toThrow(/no val shard 2/);
    expect(() => shardRange(layout, { split: 'train', index: 0, count: 7 })).toThrow(/of 7 images/);
  });

  it('puts shards under data/<key>/ with split and zero-padded index', () => {
    expect(shardPath(layout, { split: 'train', index: 3, count: 300 })).toBe(`data/${layout.key}/train-00003.bin`);
  });
});
