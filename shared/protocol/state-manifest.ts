// GET /api/runs/:id/state/:version: the version's manifest, each shard with the URL to fetch it
// from (immutable, content-addressed, edge-cached).
import type { StateManifest } from '../state/index.ts';

export interface StateManifestResponse extends Omit<StateManifest, 'shards'> {
  runId: string;
  version: number;
  shards: (StateManifest['shards'][number] & { url: string })[];
}

export function shardUrl(runId: string, hash: string): string {
  return `/api/shards/${hash}?run=${runId}`;
}
