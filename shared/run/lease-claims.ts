// What a lease token vouches for: which lease of which task, from which version, until when.
// The coordinator signs and verifies tokens; the run's steps only read the claims.

export interface LeaseClaims {
  taskId: string;
  /** Which lease of the task (a task is leased again after an expiry or a release). */
  lease: number;
  version: number;
  /** Epoch milliseconds. */
  deadline: number;
}
