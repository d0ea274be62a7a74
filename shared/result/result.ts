// The one shape of an expected failure, everywhere in the project: a value, never an exception.
// A failure carries a message a person can act on, and a caller may add fields (an HTTP status).

export type Result<T, Failure extends object = object> = { ok: true; value: T } | ({ ok: false; error: string } & Failure);

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
