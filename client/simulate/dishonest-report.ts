// What a Byzantine volunteer sends instead of its real result: a train delta scaled by -10 (the
// attack that sends a plainly averaged run backwards) and an eval that claims every image.
import type { TaskOutput } from '../tasks/execute-task.ts';
import { decodeTensors, encodeTensors } from '../../shared/state/index.ts';

const DELTA_SCALE = -10;

export function dishonestOutput(kind: 'train' | 'eval' | 'adam-init', output: TaskOutput): TaskOutput {
  if (kind === 'eval') return { ...output, measurement: { ...output.measurement, correct: output.measurement.samples, accuracy: 100 } };
  const decoded = decodeTensors(output.payload);
  if (!decoded.ok) throw new Error(`dishonestOutput: the engine's own delta does not decode: ${decoded.error}`);
  const scaled = decoded.value.map((t) => ({ ...t, data: t.data.map((value) => value * DELTA_SCALE) }));
  return { ...output, payload: encodeTensors(scaled) };
}
