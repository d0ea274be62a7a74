// A run's model as TensorFlow.js LayersModel files, exported from a version's state on request.
// /:id/model redirects to the current version; a version's files never change, so they are
// immutable and kept in the edge cache (one export serves both files and every later download).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DEFAULT_WEIGHTS_PATH, exportLayersModel, type LayersModelExport } from '../../shared/export/index.ts';
import { datasetView } from '../../shared/protocol/index.ts';
import { decodeModelState, type ModelState } from '../../shared/state/index.ts';
import type { AppEnv } from '../env.ts';
import { IMMUTABLE } from '../http/immutable.ts';
import { unwrap } from '../http/unwrap.ts';
import { versionParam } from '../http/version-param.ts';
import { runStub } from '../middleware/run-stub.ts';

const FILES: Record<string, { type: string; body: (model: LayersModelExport) => BodyInit }> = {
  'model.json': { type: 'application/json', body: (model) => JSON.stringify(model.modelJson) },
  [DEFAULT_WEIGHTS_PATH]: { type: 'application/octet-stream', body: (model) => model.weightData },
};

const modelPath = (runId: string, version: number, file = 'model.json'): string => `/api/runs/${runId}/model/${version}/${file}`;

/** The version's state, read through the run's object: its manifest, then each of its shards. */
async function versionState(run: AppEnv['Variables']['run'], runId: string, version: number): Promise<ModelState> {
  const manifest = unwrap(await run.manifest(version));
  const shards: Uint8Array[] = [];
  for (const { hash } of manifest.shards) {
    const shard = await run.shard(hash);
    // Dropped between the manifest and this read: the version is no longer kept.
    if (!shard) throw new HTTPException(410, { message: `version ${version} is gone; ask /api/runs/${runId}/model for the current one` });
    shards.push(shard);
  }
  // The run's own stored state: a failure here is a bug, so it throws (a 500).
  const decoded = decodeModelState(manifest, shards);
  if (!decoded.ok) throw new Error(`run ${runId} version ${version}: ${decoded.error}`);
  return decoded.value;
}

export const model = new Hono<AppEnv>();

model.get('/:id/model', runStub(), async (c) => {
  const progress = await c.var.run.progress();
  if (!progress) throw new HTTPException(404, { message: `no run ${c.req.param('id')}` });
  // The current version moves on with every round: the redirect itself must not be kept.
  c.header('Cache-Control', 'no-store');
  return c.redirect(modelPath(progress.id, progress.version), 302);
});

for (const name of Object.keys(FILES)) {
  model.get(`/:id/model/:version/${name}`, runStub(), async (c) => {
    const version = versionParam(c);
    const runId = c.req.param('id');
    const key = (file: string) => new Request(new URL(modelPath(runId, version, file), c.req.url));
    const cached = await caches.default.match(key(name));
    if (cached) return new Response(cached.body, cached);

    const config = await c.var.run.config();
    if (!config) throw new HTTPException(404, { message: `no run ${runId}` });
    const state = await versionState(c.var.run, runId, version);
    const exported = exportLayersModel(state, { dataset: datasetView(config.dataset), budget: config.budget, metadata: { run: runId, version } });
    if (!exported.ok) throw new Error(`run ${runId} version ${version}: ${exported.error}`);

    const response = (file: string): Response =>
      new Response(FILES[file]!.body(exported.value), { headers: { 'Content-Type': FILES[file]!.type, 'Cache-Control': IMMUTABLE } });
    for (const file of Object.keys(FILES)) c.executionCtx.waitUntil(caches.default.put(key(file), response(file)));
    return response(name);
  });
}
