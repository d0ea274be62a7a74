// The payload of a report: eval reports carry none; train and AdamInit reports carry a flat delta
// over the state's layout in an encoding the run takes, every coordinate finite, and within the
// norm bound unless the rule clips.
import type { RunConfig } from '../config/run-config.ts';
import { flatNorm } from '../aggregate/streaming.ts';
import { decodeChunkedDelta, type DeltaEncoding } from '../delta/index.ts';
import type { ReportHeader } from '../protocol/index.ts';
import type { ModelState } from '../state/index.ts';
import { accept, refuse, type Outcome } from './outcome.ts';
import { stateLayout } from './state-layout.ts';

export interface CheckedDelta {
  flat: Float32Array;
  encoding: DeltaEncoding;
  norm: number;
}

/** The decoded delta, or null for an eval report. */
export function checkPayload(header: ReportHeader, payload: Uint8Array, state: ModelState, fleet: RunConfig['fleet']): Outcome<CheckedDelta | null> {
  if (header.kind === 'eval') {
    return payload.length === 0 ? accept(null) : refuse(400, `payload: an eval report carries no delta, got ${payload.length} bytes`);
  }
  const { encoding } = header;
  if (!encoding || !fleet.deltaEncodings.includes(encoding)) {
    return refuse(400, `encoding: this run takes deltas as ${fleet.deltaEncodings.join(' or ')}, the report says ${encoding ?? 'nothing'}`);
  }
  const decoded = decodeChunkedDelta(payload, encoding, stateLayout(state).length);
  if (!decoded.ok) return refuse(400, `delta: ${decoded.error}`);
  const norm = flatNorm(decoded.value);
  // A NaN norm is not below any bound; decodeChunkedDelta has refused non-finite coordinates already.
  if (fleet.aggregation !== 'norm-clip' && !(norm <= fleet.maxDeltaNorm)) {
    return refuse(422, `delta: L2 norm ${norm.toPrecision(6)} exceeds fleet.maxDeltaNorm ${fleet.maxDeltaNorm}`);
  }
  return accept({ flat: decoded.value, encoding, norm });
}
