// Expected failures of the run's steps, as values: the HTTP status and a reason the caller can
// act on. The coordinator's routes turn a refusal into an HTTPException; the runner throws it.
import type { Result } from '../result/index.ts';

export type RefusalStatus = 400 | 401 | 404 | 409 | 410 | 413 | 422 | 429 | 503;

export type Outcome<T> = Result<T, { status: RefusalStatus }>;

export const accept = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const refuse = <T = never>(status: RefusalStatus, error: string): Outcome<T> => ({ ok: false, status, error });
