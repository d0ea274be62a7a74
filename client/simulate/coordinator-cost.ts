// What each request costs the run's Durable Object in the simulator: a cost model whose constants
// come from `npm run bench:coordinator`, never the wall time of the simulating process, so the
// same command gives the same events in the same order on any machine under any load.
import type { DeltaEncoding } from '../../shared/delta/index.ts';

/**
 * The object's own share of a request: the run driver's step (lease 0.2 ms, report 0.3 ms), its
 * SQLite writes and queue scans, and the RPC's parse, about 2 ms of the 10 ms of isolate CPU per
 * lease + report pair in the profile against `wrangler dev` (worker/README.md, Load). Routing,
 * middleware and HTTP parsing run in the edge's isolates, in parallel, and cost the object nothing.
 */
export const OBJECT_REQUEST_SECONDS = 0.002;

/**
 * Decoding, checking and adding one report's delta to the round's running sum, per state
 * parameter (bench:coordinator, round of 32: 0.27M parameters 2.3-3.1 ms a report, 4.33M
 * 46-67 ms; the slope of the two). int2 is not in the bench; it decodes like int8, block by block.
 */
export const ACCEPT_SECONDS_PER_PARAMETER: Record<DeltaEncoding, number> = { f32: 15.7e-9, f16: 10.7e-9, int8: 11.2e-9, int2: 11.2e-9 };

/**
 * Closing a round: the combined delta, the outer step, the new version's shards and their hashes
 * (bench:coordinator, last report + close less one accept: 0.27M parameters 16-24 ms, 4.33M
 * 98-142 ms).
 */
export const CLOSE_SECONDS = 0.01;
export const CLOSE_SECONDS_PER_PARAMETER = 24e-9;

/**
 * A state shard leaves the object once per version (the edge cache serves every later download,
 * worker/routes/state.ts); the object's side of that copy, at about the rate this machine decodes
 * and hashes a state (107-159 MB/s, `npm run bench:volunteer`); the object's link is not the limit.
 */
export const OBJECT_EGRESS_BYTES_PER_SECOND = 150e6;

/** What one step of the driver cost the object: its request, the report it took in, the round it closed. */
export function objectSeconds(step: { parameters: number; acceptedEncoding: DeltaEncoding | null; roundsClosed: number; egressBytes: number }): number {
  const accept = step.acceptedEncoding === null ? 0 : ACCEPT_SECONDS_PER_PARAMETER[step.acceptedEncoding] * step.parameters;
  const close = step.roundsClosed * (CLOSE_SECONDS + CLOSE_SECONDS_PER_PARAMETER * step.parameters);
  return OBJECT_REQUEST_SECONDS + accept + close + step.egressBytes / OBJECT_EGRESS_BYTES_PER_SECOND;
}
