// Waiting between failed attempts: exponential with full jitter, so a fleet that lost its
// coordinator does not come back in lockstep, and never below a floor, so a volunteer never spins.
export interface BackoffPolicy {
  firstMs: number;
  maxMs: number;
  /** No wait is shorter than this, whatever the jitter draws. */
  floorMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { firstMs: 1000, maxMs: 30_000, floorMs: 250 };

/** The wait before attempt `failures + 1`, given `failures` failures in a row (at least 1). */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, failures - 1));
  return Math.max(policy.floorMs, Math.round(ceiling * random()));
}

/** Resolves after `ms`, or at once when the signal aborts; says whether the full wait passed. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (full: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(full);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
