// The coordinator's bindings (wrangler.toml) and secrets.
import type { RunAssigner } from './run-assigner.ts';
import type { RunObject } from './run-object.ts';
import type { RunRegistry } from './run-registry.ts';

export interface Env {
  RUNS: DurableObjectNamespace<RunObject>;
  REGISTRY: DurableObjectNamespace<RunRegistry>;
  ASSIGNER: DurableObjectNamespace<RunAssigner>;
  ASSETS: Fetcher;
  /** Bearer token of the admin routes (a Workers secret; "dev-admin-token" under wrangler dev). */
  ADMIN_TOKEN?: string;
  /** HMAC key of lease tokens (a Workers secret; "dev-lease-secret" under wrangler dev). */
  LEASE_SECRET?: string;
  /** New volunteer ids one client address may bring to a run per hour (worker/run/new-volunteer-limit.ts). */
  NEW_VOLUNTEERS_PER_HOUR?: string;
}

/** Hono's environment: the bindings, and the stub of the run a route names. */
export interface AppEnv {
  Bindings: Env;
  Variables: { run: DurableObjectStub<RunObject> };
}
