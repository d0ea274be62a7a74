// The :version of a state or model route: decimal digits of a safe integer, or a 400 that says so.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

export function versionParam(c: Context): number {
  const text = c.req.param('version') ?? '';
  const version = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(version)) {
    throw new HTTPException(400, { message: `version must be a non-negative integer, got "${text}"` });
  }
  return version;
}
