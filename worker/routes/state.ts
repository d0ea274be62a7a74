// Model state for volunteers: a version's manifest, and the shards it names (immutable,
// content-addressed, served through the edge cache so the run's object sees each shard once).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { shardUrl, type StateManifestResponse } from '../../shared/protocol/index.ts';
import type { AppEnv } from '../env.ts';
import { IMMUTABLE } from '../http/immutable.ts';
import { unwrap } from '../http/unwrap.ts';
import { versionParam } from '../http/version-param.ts';
import { isKnownRun } from '../middleware/known-runs.ts';
import { runStub } from '../middleware/run-stub.ts';

const HASH_PATTERN = /^[0-9a-f]{64}$/;

export const manifests = new Hono<AppEnv>();

manifests.get('/:id/state/:version', runStub(), async (c) => {
  const version = versionParam(c);
  const manifest = unwrap(await c.var.run.manifest(version));
  const runId = c.req.param('id');
  const body: StateManifestResponse = {
    ...manifest,
    runId,
    version,
    shards: manifest.shards.map((shard) => ({ ...shard, url: shardUrl(runId, shard.hash) })),
  };
  // A version's content never changes once written.
  return c.json(body, 200, { 'Cache-Control': IMMUTABLE });
});

export const shards = new Hono<AppEnv>();

shards.get('/:hash', async (c) => {
  const hash = c.req.param('hash');
  if (!HASH_PATTERN.test(hash)) throw new HTTPException(404, { message: 'shard hashes are 64 hex digits (SHA-256)' });
  const headers = { 'Content-Type': 'application/octet-stream', 'Cache-Control': IMMUTABLE, ETag: `"${hash}"` };
  if (c.req.header('If-None-Match') === headers.ETag) return new Response(null, { status: 304, headers });
  // Keyed by hash alone: the same bytes are the same shard whichever run asks.
  const key = new Request(new URL(`/api/shards/${hash}`, c.req.url));
  const cached = await caches.default.match(key);
  if (cached) return new Response(cached.body, cached);
  const runId = c.req.query('run') ?? '';
  if (!(await isKnownRun(c.env, runId))) throw new HTTPException(404, { message: `shard ${hash} is not in the edge cache, and "${runId}" names no run; name its run with ?run=<id>` });
  const bytes = await c.env.RUNS.getByName(runId).shard(hash);
  if (!bytes) throw new HTTPException(404, { message: `run ${runId} has no shard ${hash}` });
  const response = new Response(bytes, { headers });
  c.executionCtx.waitUntil(caches.default.put(key, response.clone()));
  return response;
});
