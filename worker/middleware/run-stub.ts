// Resolves the :id of a run route to its Durable Object stub; an id the registry does not hold is
// a 404 before any run object wakes up (known-runs.ts).
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { RUN_ID_PATTERN } from '../../shared/protocol/index.ts';
import type { AppEnv } from '../env.ts';
import { isKnownRun } from './known-runs.ts';

export function newRunId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function runStub(): MiddlewareHandler<AppEnv> {
  return async function runStub(c, next) {
    const id = c.req.param('id') ?? '';
    if (!RUN_ID_PATTERN.test(id)) throw new HTTPException(404, { message: `no run "${id}": run ids are 32 hex digits` });
    if (!(await isKnownRun(c.env, id))) throw new HTTPException(404, { message: `no run ${id}` });
    c.set('run', c.env.RUNS.getByName(id));
    await next();
  };
}
