// Pairing two lists of tensors by name (subtractTensors, combineDeltas). Both sides come from
// the same architecture, so a mismatch means a caller mixed up states: a bug, so it throws.
import type { NamedTensor } from '../state/types.ts';

function tensorsByName(tensors: NamedTensor[], caller: string): Map<string, NamedTensor> {
  const byName = new Map<string, NamedTensor>();
  for (const t of tensors) {
    if (byName.has(t.name)) throw new Error(`${caller}: tensor "${t.name}" appears twice`);
    byName.set(t.name, t);
  }
  return byName;
}

/** The tensor named like `tensor` in `byName`, with the same shape and data length. */
function counterpart(byName: Map<string, NamedTensor>, tensor: NamedTensor, caller: string): NamedTensor {
  const other = byName.get(tensor.name);
  if (!other) throw new Error(`${caller}: no tensor "${tensor.name}" to match`);
  const sameShape = other.shape.length === tensor.shape.length && other.shape.every((d, i) => d === tensor.shape[i]);
  if (!sameShape || other.data.length !== tensor.data.length) {
    throw new Error(`${caller}: "${tensor.name}" has shape [${tensor.shape}] (${tensor.data.length} values) on one side, [${other.shape}] (${other.data.length} values) on the other`);
  }
  return other;
}

/** Pairs two lists holding the same names; returns the second list's tensors in the first's order. */
export function alignByName(first: NamedTensor[], second: NamedTensor[], caller: string): NamedTensor[] {
  const byName = tensorsByName(second, caller);
  tensorsByName(first, caller);
  if (first.length !== second.length) {
    throw new Error(`${caller}: expected the same ${first.length} tensor names on both sides, got ${second.length}`);
  }
  return first.map((t) => counterpart(byName, t, caller));
}
