// Admin routes need "Authorization: Bearer <ADMIN_TOKEN>"; with no token configured they are off.
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.ts';

/** Compares digests, so the time taken says nothing about how much of the token matched. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = (text: string) => crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async function adminAuth(c, next) {
    const expected = c.env.ADMIN_TOKEN;
    if (!expected) {
      throw new HTTPException(503, { message: 'admin routes are off: set the ADMIN_TOKEN secret (under wrangler dev: --var ADMIN_TOKEN:dev-admin-token)' });
    }
    const given = /^Bearer (\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    if (!given || !(await sameSecret(given, expected))) {
      throw new HTTPException(401, { message: 'admin token missing or wrong: send Authorization: Bearer <ADMIN_TOKEN>' });
    }
    await next();
  };
}
