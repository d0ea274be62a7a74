// Expected failures of the run's RPC methods, as values: the HTTP status and a reason the caller
// can act on. The routes turn a refusal into an HTTPException.
export type RefusalStatus = 400 | 401 | 404 | 409 | 410 | 413 | 422 | 503;

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: RefusalStatus; error: string };

export const accept = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = <T = never>(status: RefusalStatus, error: string): Outcome<T> => ({ ok: false, status, error });
