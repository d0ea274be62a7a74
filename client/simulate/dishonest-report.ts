// What a Byzantine volunteer sends instead of its real result: a train delta scaled by -10 (the
// attack that sends a plainly averaged run backwards) and an eval that claims every image.
import { decodeChunkedDelta, encodeChunkedDelta } from '../../shared/delta/index.ts';
import type { TaskOutput } from '../tasks/execute-task.ts';

export const DISHONEST_DELTA_SCALE = -10;

/** `coordinates`: the delta's length (the state's layout), which its encoding does not carry. */
export function dishonestOutput(kind: 'train' | 'eval' | 'adam-init', output: TaskOutput, coordinates: number): TaskOutput {
  if (kind === 'eval') return { ...output, measurement: { ...output.measurement, correct: output.measurement.samples, accuracy: 100 } };
  const encoding = output.measurement.encoding;
  if (!encoding) throw new Error(`dishonestOutput: a ${kind} output without an encoding`);
  const decoded = decodeChunkedDelta(output.payload, encoding, coordinates);
  if (!decoded.ok) throw new Error(`dishonestOutput: the engine's own ${encoding} delta does not decode: ${decoded.error}`);
  return { ...output, payload: encodeChunkedDelta(decoded.value.map((value) => value * DISHONEST_DELTA_SCALE), encoding) };
}
