// The payload of a report: eval reports carry none; train and AdamInit reports carry a delta
// over every tensor of the state, finite, and within the norm bound unless the rule clips.
import type { RunConfig } from '../config/run-config.ts';
import { validateDelta } from '../aggregate/index.ts';
import type { ReportKind } from '../protocol/index.ts';
import { decodeTensors, type ModelState, type NamedTensor } from '../state/index.ts';
import { accept, refuse, type Outcome } from './outcome.ts';

/** The decoded delta, or null for an eval report. */
export function checkPayload(kind: ReportKind, payload: Uint8Array, state: ModelState, fleet: RunConfig['fleet']): Outcome<NamedTensor[] | null> {
  if (kind === 'eval') {
    return payload.length === 0 ? accept(null) : refuse(400, `payload: an eval report carries no delta, got ${payload.length} bytes`);
  }
  const decoded = decodeTensors(payload);
  if (!decoded.ok) return refuse(400, `delta: ${decoded.error}`);
  const checked = validateDelta(decoded.tensors, state.tensors, Number.POSITIVE_INFINITY);
  if (!checked.ok) return refuse(400, `delta: ${checked.error}`);
  if (fleet.aggregation !== 'norm-clip' && checked.norm > fleet.maxDeltaNorm) {
    return refuse(422, `delta: L2 norm ${checked.norm.toPrecision(6)} exceeds fleet.maxDeltaNorm ${fleet.maxDeltaNorm}`);
  }
  return accept(decoded.tensors);
}
