// The volunteer's side: lease a task, give a lease back, report a result (binary body).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { LeaseRequestSchema, ReleaseRequestSchema } from '../../shared/protocol/index.ts';
import type { AppEnv } from '../env.ts';
import { jsonBody } from '../http/json-body.ts';
import { readBody } from '../http/read-body.ts';
import { unwrap } from '../http/unwrap.ts';
import { runStub } from '../middleware/run-stub.ts';

export const work = new Hono<AppEnv>();

work.post('/:id/lease', runStub(), async (c) => {
  const request = await jsonBody(c, LeaseRequestSchema);
  // Cloudflare's edge sets the client's address; a request without one (a local test) counts as one address.
  return c.json(unwrap(await c.var.run.lease(request, c.req.header('CF-Connecting-IP') ?? 'unknown')));
});

work.post('/:id/release', runStub(), async (c) => {
  const { leaseToken, volunteerKey } = await jsonBody(c, ReleaseRequestSchema);
  return c.json({ released: true, ...unwrap(await c.var.run.release(leaseToken, volunteerKey)) });
});

work.post('/:id/report', runStub(), async (c) => {
  const limit = await c.var.run.reportLimit();
  if (limit === null) throw new HTTPException(404, { message: `no run ${c.req.param('id')}` });
  const body = await readBody(c.req.raw, limit);
  return c.json({ accepted: true, ...unwrap(await c.var.run.report(body)) });
});
