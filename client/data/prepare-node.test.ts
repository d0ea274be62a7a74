import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetConfigSchema } from '../../shared/config/run-config.ts';
import { datasetLayout, shardPath } from '../../shared/dataset/layout.ts';
import { parseDatasetManifest } from '../../shared/dataset/manifest.ts';
import { sha256Hex } from '../../shared/state/sha256.ts';
import { datasetSource } from './dataset-source.ts';
import { prepareDataset } from './prepare-node.ts';
import { decodeShard } from './shard-file.ts';
import { syntheticSets } from './synthetic.ts';

const synthetic = { input: { height: 8, width: 8, channels: 3 }, classes: 5, trainSize: 120, testSize: 30 };
const dataset = DatasetConfigSchema.parse({ name: 'synthetic', synthetic, shardSize: 25 });
const layout = datasetLayout(dataset);
const outDir = mkdtempSync(join(tmpdir(), 'autogrow-prepare-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const quiet = { progress: () => {} };

describe('prepareDataset', () => {
  it('writes every shard of the layout and a manifest with sizes and SHA-256', () => {
    const result = prepareDataset(dataset, outDir, undefined, quiet);
    const refs = [...layout.train, ...layout.val, ...layout.test];
    expect(result).toMatchObject({ ok: true, value: { upToDate: false, shards: refs.length } });
    const manifest = parseDatasetManifest(JSON.parse(readFileSync(join(outDir, 'data', layout.key, 'manifest.json'), 'utf8')));
    if (!manifest.ok) throw new Error(manifest.error);
    expect(manifest.value.layout).toEqual(layout);
    const sets = syntheticSets(synthetic);
    if (!sets.ok) throw new Error(sets.error);
    const source = datasetSource(layout, sets.value);
    if (!source.ok) throw new Error(source.error);
    for (const [i, ref] of refs.entries()) {
      const bytes = new Uint8Array(readFileSync(join(outDir, shardPath(layout, ref))));
      expect(manifest.value.shards[i]).toEqual({ ...ref, path: shardPath(layout, ref), bytes: bytes.length, sha256: sha256Hex(bytes) });
      const decoded = decodeShard(bytes, { ...ref, layoutKey: layout.key });
      expect(decoded.ok && decoded.value).toEqual({ ...source.value.shard(ref), split: ref.split, index: ref.index, layoutKey: layout.key });
    }
  });

  it('skips work when the manifest matches, and redoes it when a shard file is damaged', () => {
    prepareDataset(dataset, outDir, undefined, quiet);
    const messages: string[] = [];
    expect(prepareDataset(dataset, outDir, undefined, { progress: (text) => messages.push(text) })).toMatchObject({ ok: true, value: { upToDate: true } });
    expect(messages.join('')).toMatch(/is up to date/);
    truncateSync(join(outDir, shardPath(layout, layout.val[0]!)), 10);
    expect(prepareDataset(dataset, outDir, undefined, quiet)).toMatchObject({ ok: true, value: { upToDate: false } });
    expect(prepareDataset(dataset, outDir, undefined, quiet)).toMatchObject({ ok: true, value: { upToDate: true } });
  });

  it('passes load errors through as values', () => {
    expect(prepareDataset(DatasetConfigSchema.parse({ name: 'svhn' }), outDir, undefined, quiet)).toMatchObject({ ok: false, error: expect.stringMatching(/no built-in copy/) });
  });
});

describe('npm run prepare-data', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', 'client/cli/prepare-data.ts', ...args], { encoding: 'utf8' });

  it('prepares a synthetic dataset from flags and prints the manifest path', () => {
    const out = join(outDir, 'cli');
    const stdout = execFileSync(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', 'client/cli/prepare-data.ts',
      '--dataset', 'synthetic', '--synthetic', '8x8x1,3,40,10', '--shard-size', '16', '--out', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const key = datasetLayout(DatasetConfigSchema.parse({ name: 'synthetic', synthetic: { input: { height: 8, width: 8, channels: 1 }, classes: 3, trainSize: 40, testSize: 10 }, shardSize: 16 })).key;
    expect(stdout.trim()).toBe(join(out, 'data', key, 'manifest.json'));
  });

  it('shows help, and refuses bad input with the field and usage', () => {
    const help = cli(['--help']);
    expect([help.status, help.stdout]).toEqual([0, expect.stringMatching(/^Usage: npm run prepare-data/)]);
    const bad = cli(['--dataset', 'mnist', '--shard-size', '0']);
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/^prepare-data: dataset\.shardSize: .*\n\nUsage/)]);
    const unknown = cli(['--datset', 'mnist']);
    expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringMatching(/Unknown option '--datset'/)]);
  });
});
