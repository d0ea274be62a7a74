// The delta a volunteer reports: after - before between two model states, each value computed
// in double and rounded once to float32.
import type { NamedTensor } from '../state/types.ts';
import { alignByName } from './match-tensors.ts';

/** delta = after - before, tensor by tensor, in `after` order. Mismatched names or shapes throw. */
export function subtractTensors(after: NamedTensor[], before: NamedTensor[]): NamedTensor[] {
  const aligned = alignByName(after, before, 'subtractTensors');
  return after.map((t, i) => {
    const base = aligned[i]!.data;
    const data = new Float32Array(t.data.length);
    for (let j = 0; j < data.length; j++) data[j] = t.data[j]! - base[j]!;
    return { name: t.name, shape: [...t.shape], data };
  });
}
