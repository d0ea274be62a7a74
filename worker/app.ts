// The coordinator's HTTP API under /api; the client build is served as static assets beside it.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env.ts';
import { crossOriginIsolation } from './middleware/cross-origin-isolation.ts';
import { assign } from './routes/assign.ts';
import { events } from './routes/events.ts';
import { model } from './routes/model.ts';
import { runs } from './routes/runs.ts';
import { manifests, shards } from './routes/state.ts';
import { work } from './routes/work.ts';

export const app = new Hono<AppEnv>();

app.use('*', crossOriginIsolation());
app.route('/api/runs', runs);
app.route('/api/runs', work);
app.route('/api/runs', manifests);
app.route('/api/runs', events);
app.route('/api/runs', model);
app.route('/api/shards', shards);
app.route('/api/assign', assign);

app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

app.onError((error, c) => {
  if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
  console.error(error);
  return c.json({ error: 'internal error' }, 500);
});
