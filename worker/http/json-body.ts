// Reads a JSON body and safeParses it; anything else is a 400 that names the field.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { issuesMessage } from '../../shared/result/index.ts';

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HTTPException(400, { message: 'body must be JSON (Content-Type: application/json)' });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HTTPException(400, { message: issuesMessage(parsed.error, '(body)') });
  return parsed.data;
}
