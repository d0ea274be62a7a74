// Resolves the :id of a run route to its Durable Object stub; an id that cannot be a run is a 404
// before any object wakes up.
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.ts';

export const RUN_ID_PATTERN = /^[0-9a-f]{32}$/;

export function newRunId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function runStub(): MiddlewareHandler<AppEnv> {
  return async function runStub(c, next) {
    const id = c.req.param('id') ?? '';
    if (!RUN_ID_PATTERN.test(id)) throw new HTTPException(404, { message: `no run "${id}": run ids are 32 hex digits` });
    c.set('run', c.env.RUNS.getByName(id));
    await next();
  };
}
