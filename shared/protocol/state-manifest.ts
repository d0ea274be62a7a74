// GET /api/runs/:id/state/:version: the version's manifest, each shard with the URL to fetch it
// from (immutable, content-addressed, edge-cached).
import { z } from 'zod';
import { ArchitectureSpecSchema } from '../architecture/spec.ts';

const HASH = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');

export const StateManifestResponseSchema = z.object({
  runId: z.string(),
  version: z.number().int().min(0),
  architecture: ArchitectureSpecSchema,
  totalBytes: z.number().int().min(0),
  /** SHA-256 of the whole bundle: the version's identity. */
  hash: HASH,
  shards: z.array(z.object({ index: z.number().int().min(0), bytes: z.number().int().min(0), hash: HASH, url: z.string().min(1) })),
});
export type StateManifestResponse = z.infer<typeof StateManifestResponseSchema>;

export function shardUrl(runId: string, hash: string): string {
  return `/api/shards/${hash}?run=${runId}`;
}
