// Node only: the prepare step. Cuts a dataset into the shard files of its layout under
// outDir/data/<key>/ and writes the manifest last, so a half-done run is never taken as done.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { datasetLayout, shardPath, type DatasetLayout } from '../../shared/dataset/layout.ts';
import { DATASET_MANIFEST_FORMAT, parseDatasetManifest, type DatasetManifest, type ShardEntry } from '../../shared/dataset/manifest.ts';
import type { Result } from '../../shared/result/index.ts';
import { sha256Hex } from '../../shared/state/sha256.ts';
import { openDataset } from './dataset-files-node.ts';
import { encodeShard } from './shard-file.ts';

export interface PrepareOptions {
  /** Receives progress text; defaults to stderr. */
  progress?: (text: string) => void;
}

export type PrepareResult = Result<{ manifestPath: string; upToDate: boolean; shards: number; bytes: number }>;

export function prepareDataset(dataset: RunConfig['dataset'], outDir: string, sourceDir?: string, options: PrepareOptions = {}): PrepareResult {
  const progress = options.progress ?? ((text: string) => process.stderr.write(text));
  const layout = datasetLayout(dataset);
  const dir = join(outDir, 'data', layout.key);
  const manifestPath = join(dir, 'manifest.json');
  const existing = matchingManifest(manifestPath, layout, outDir);
  if (existing) {
    progress(`prepare-data: ${layout.key} is up to date (${manifestPath})\n`);
    return { ok: true, value: { manifestPath, upToDate: true, shards: existing.shards.length, bytes: totalBytes(existing.shards) } };
  }
  const opened = openDataset(dataset, sourceDir);
  if (!opened.ok) return opened;
  mkdirSync(dir, { recursive: true });
  const refs = [...layout.train, ...layout.val, ...layout.test];
  // Rewriting one line in place only makes sense on a terminal; logs get the summary alone.
  const live = options.progress !== undefined || process.stderr.isTTY;
  const shards: ShardEntry[] = refs.map((ref, done) => {
    const bytes = encodeShard({ ...opened.value.shard(ref), split: ref.split, index: ref.index, layoutKey: layout.key });
    const path = shardPath(layout, ref);
    writeFileSync(join(outDir, path), bytes);
    if (live) progress(`\rprepare-data: ${layout.key}: ${done + 1}/${refs.length} shards`);
    return { ...ref, path, bytes: bytes.length, sha256: sha256Hex(bytes) };
  });
  const manifest: DatasetManifest = { format: DATASET_MANIFEST_FORMAT, layout, shards };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  progress(`${live ? '\n' : ''}prepare-data: wrote ${shards.length} shards (${totalBytes(shards)} bytes) and ${manifestPath}\n`);
  return { ok: true, value: { manifestPath, upToDate: false, shards: shards.length, bytes: totalBytes(shards) } };
}

/** The manifest on disk if it describes this very layout and every shard file has its recorded size. */
function matchingManifest(manifestPath: string, layout: DatasetLayout, outDir: string): DatasetManifest | null {
  if (!existsSync(manifestPath)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return null;
  }
  const parsed = parseDatasetManifest(json);
  if (!parsed.ok || !isDeepStrictEqual(parsed.value.layout, layout)) return null;
  const expected = layout.train.length + layout.val.length + layout.test.length;
  const intact = parsed.value.shards.length === expected && parsed.value.shards.every((shard) => {
    const path = join(outDir, shard.path);
    return existsSync(path) && statSync(path).size === shard.bytes;
  });
  return intact ? parsed.value : null;
}

function totalBytes(shards: ShardEntry[]): number {
  return shards.reduce((sum, shard) => sum + shard.bytes, 0);
}
