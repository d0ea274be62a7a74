// Asking again while it can help: a retryable failure waits (backoff) and tries again, until the
// answer is final, the lease's deadline would pass, or the volunteer is told to stop.
import { backoffDelay, sleep, type BackoffPolicy } from './backoff.ts';
import type { Fetched } from '../coordinator/index.ts';

export interface RetryOptions {
  policy: BackoffPolicy;
  random: () => number;
  /** Epoch milliseconds after which another attempt is pointless (the lease is gone). */
  deadline: number;
  signal: AbortSignal;
  /** Hears each failure that will be tried again, with the wait before it. */
  onRetry: (error: string, waitMs: number) => void;
}

export async function retryUntil<T>(attempt: () => Promise<Fetched<T>>, options: RetryOptions): Promise<Fetched<T>> {
  for (let failures = 1; ; failures++) {
    const result = await attempt();
    if (result.ok || !result.retry || options.signal.aborted) return result;
    const waitMs = backoffDelay(failures, options.policy, options.random);
    if (Date.now() + waitMs >= options.deadline) return { ...result, retry: false, error: `${result.error}; gave up: the lease ends before another try` };
    options.onRetry(result.error, waitMs);
    if (!(await sleep(waitMs, options.signal))) return { ...result, retry: false };
  }
}
