// GET /api/runs/:id/events: the run's progress as server-sent events (EventSource reconnects by itself).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.ts';
import { runStub } from '../middleware/run-stub.ts';

export const events = new Hono<AppEnv>();

events.get('/:id/events', runStub(), async (c) => {
  const stream = await c.var.run.subscribe();
  if (!stream) throw new HTTPException(404, { message: `no run ${c.req.param('id')}` });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform' } });
});
