import { describe, expect, it } from 'vitest';
import { DatasetConfigSchema } from '../config/run-config.ts';
import { datasetLayout, shardPath } from './layout.ts';
import { DATASET_MANIFEST_FORMAT, parseDatasetManifest } from './manifest.ts';

const layout = datasetLayout(DatasetConfigSchema.parse({ name: 'mnist', trainLimit: 100, shardSize: 50 }));
const manifest = {
  format: DATASET_MANIFEST_FORMAT,
  layout,
  shards: layout.train.map((ref) => ({ ...ref, path: shardPath(layout, ref), bytes: 40000, sha256: 'ab'.repeat(32) })),
};

describe('parseDatasetManifest', () => {
  it('accepts a manifest that went through JSON and gives back the same layout', () => {
    const parsed = parseDatasetManifest(JSON.parse(JSON.stringify(manifest)));
    expect(parsed).toEqual({ ok: true, value: manifest });
  });

  it('names the bad field', () => {
    const bad = { ...manifest, shards: [{ ...manifest.shards[0], sha256: 'xyz' }] };
    const parsed = parseDatasetManifest(bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^parseDatasetManifest: shards\.0\.sha256/);
    expect(parseDatasetManifest({ ...manifest, format: 2 }).ok).toBe(false);
  });
});
