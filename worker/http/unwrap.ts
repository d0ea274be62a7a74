// Turns a refused RPC outcome into the one HTTP error type; app.onError renders it.
import { HTTPException } from 'hono/http-exception';
import type { Outcome } from '../../shared/run/index.ts';

export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new HTTPException(outcome.status, { message: outcome.error });
  return outcome.value;
}
