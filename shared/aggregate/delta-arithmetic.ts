// Deltas between model states: what a volunteer reports (after - before) and what the
// coordinator applies. Each value is computed in double and rounded once to float32.
import { copyArchitecture, type ModelState, type NamedTensor } from '../state/types.ts';
import { alignByName, counterpart, tensorsByName } from './match-tensors.ts';

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

/** A new state: state + delta where the delta names a tensor, a copy elsewhere. */
export function applyDelta(state: ModelState, delta: NamedTensor[]): ModelState {
  const stateByName = tensorsByName(state.tensors, 'applyDelta');
  const deltaByName = tensorsByName(delta, 'applyDelta');
  for (const d of delta) counterpart(stateByName, d, 'applyDelta');
  const tensors = state.tensors.map((t) => {
    const d = deltaByName.get(t.name);
    if (!d) return { name: t.name, shape: [...t.shape], data: t.data.slice() };
    const data = new Float32Array(t.data.length);
    for (let j = 0; j < data.length; j++) data[j] = t.data[j]! + d.data[j]!;
    return { name: t.name, shape: [...t.shape], data };
  });
  return { architecture: copyArchitecture(state.architecture), tensors };
}

/** L2 norm over every value of every tensor, accumulated in double. */
export function deltaNorm(delta: NamedTensor[]): number {
  let squares = 0;
  for (const t of delta) {
    const data = t.data;
    for (let j = 0; j < data.length; j++) squares += data[j]! * data[j]!;
  }
  return Math.sqrt(squares);
}
