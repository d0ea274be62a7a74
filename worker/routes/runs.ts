// Runs: create (admin), list, read the progress or the config, pause / resume / cancel (admin).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { capacityProblem } from '../../shared/config/capacity.ts';
import { parseRunConfig } from '../../shared/config/run-config.ts';
import { presetConfig } from '../../shared/config/presets.ts';
import { CreateRunRequestSchema, type RunSummary } from '../../shared/protocol/index.ts';
import type { AppEnv } from '../env.ts';
import { jsonBody } from '../http/json-body.ts';
import { unwrap } from '../http/unwrap.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { rememberRun } from '../middleware/known-runs.ts';
import { newRunId, runStub } from '../middleware/run-stub.ts';
import { REGISTRY_NAME } from '../run-registry.ts';
import type { RunControl } from '../../shared/run/index.ts';

/** The dashboard lists the newest runs; each summary comes from its run's own object. */
const LIST_LIMIT = 100;

export const runs = new Hono<AppEnv>();

runs.post('/', adminAuth(), async (c) => {
  const request = await jsonBody(c, CreateRunRequestSchema);
  const parsed = 'preset' in request ? presetConfig(request.preset) : parseRunConfig(request.config);
  if (!parsed.ok) throw new HTTPException(400, { message: parsed.error });
  // Before any object is touched: a run that cannot fit one costs nothing but this answer.
  const problem = capacityProblem(parsed.value);
  if (problem) throw new HTTPException(400, { message: problem });
  const id = newRunId();
  const progress = unwrap(await c.env.RUNS.getByName(id).create(id, parsed.value));
  await c.env.REGISTRY.getByName(REGISTRY_NAME).add(id, progress.createdAt);
  rememberRun(id);
  return c.json(progress, 201);
});

runs.get('/', async (c) => {
  const ids = await c.env.REGISTRY.getByName(REGISTRY_NAME).list(LIST_LIMIT);
  const summaries = await Promise.all(ids.map((id) => c.env.RUNS.getByName(id).summary()));
  return c.json({ runs: summaries.filter((summary): summary is RunSummary => summary !== null) });
});

runs.get('/:id', runStub(), async (c) => {
  const progress = await c.var.run.progress();
  if (!progress) throw new HTTPException(404, { message: `no run ${c.req.param('id')}` });
  return c.json(progress);
});

runs.get('/:id/config', runStub(), async (c) => {
  const config = await c.var.run.config();
  if (!config) throw new HTTPException(404, { message: `no run ${c.req.param('id')}` });
  return c.json(config);
});

for (const action of ['pause', 'resume', 'cancel'] as const satisfies readonly RunControl[]) {
  runs.post(`/:id/${action}`, adminAuth(), runStub(), async (c) => c.json(unwrap(await c.var.run.control(action))));
}
