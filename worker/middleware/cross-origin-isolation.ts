// COOP + COEP on every response, so pages of this origin are cross-origin isolated and the WASM
// backend may use threads (SharedArrayBuffer).
import type { MiddlewareHandler } from 'hono';

export function crossOriginIsolation(): MiddlewareHandler {
  return async function crossOriginIsolation(c, next) {
    await next();
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    c.res.headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  };
}
