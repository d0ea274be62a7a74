// The flat delta layout: which tensors of a model state a delta covers, in state order, and where
// each one starts in the single float32 vector that travels and is aggregated.
import { tensorSize } from '../architecture/parameters.ts';
import { isMomentumName, type ModelState, type NamedTensor } from '../state/types.ts';

export interface DeltaLayout {
  names: string[];
  shapes: number[][];
  /** offsets[i] is where tensor i starts in the flat vector; offsets[i + 1] - offsets[i] its size. */
  offsets: number[];
  /** Coordinates in the flat vector: the sum of the covered tensors' sizes. */
  length: number;
}

/** The tensors that travel when optimizer state stays with the volunteer (DiLoCo): all but momentum. */
export const isNetworkTensor = (name: string): boolean => !isMomentumName(name);

export function deltaLayout(state: ModelState, includes: (name: string) => boolean): DeltaLayout {
  const covered = state.tensors.filter((t) => includes(t.name));
  const offsets: number[] = [];
  let length = 0;
  for (const t of covered) {
    offsets.push(length);
    length += tensorSize(t.shape);
  }
  return { names: covered.map((t) => t.name), shapes: covered.map((t) => [...t.shape]), offsets, length };
}

/**
 * Names and shapes in order: two layouts with the same key place every coordinate alike, so a
 * residual or momentum kept over one applies to the other.
 */
export const layoutKey = (layout: DeltaLayout): string => layout.names.map((name, i) => `${name}:${layout.shapes[i]!.join('x')}`).join(',');

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * The tensors of `tensors` the layout covers, in layout order; tensors it does not cover are
 * left aside. A missing, duplicated or reshaped tensor throws: the caller mixed up states.
 */
function coveredTensors(tensors: NamedTensor[], layout: DeltaLayout, caller: string): NamedTensor[] {
  const byName = new Map<string, NamedTensor>();
  for (const t of tensors) {
    if (byName.has(t.name)) throw new Error(`${caller}: tensor "${t.name}" appears twice`);
    byName.set(t.name, t);
  }
  return layout.names.map((name, i) => {
    const t = byName.get(name);
    if (!t) throw new Error(`${caller}: the layout covers "${name}", which the tensors lack`);
    const shape = layout.shapes[i]!;
    if (!sameShape(t.shape, shape) || t.data.length !== tensorSize(shape)) {
      throw new Error(`${caller}: "${name}" should have shape [${shape}], got [${t.shape}] with ${t.data.length} values`);
    }
    return t;
  });
}

/** The covered tensors' values, one after the other in layout order. */
export function flattenTensors(tensors: NamedTensor[], layout: DeltaLayout): Float32Array {
  const flat = new Float32Array(layout.length);
  coveredTensors(tensors, layout, 'flattenTensors').forEach((t, i) => flat.set(t.data, layout.offsets[i]!));
  return flat;
}

/** after - before over the covered tensors, straight into the flat vector (the volunteer's delta). */
export function flatDifference(after: NamedTensor[], before: NamedTensor[], layout: DeltaLayout): Float32Array {
  const flat = new Float32Array(layout.length);
  const base = coveredTensors(before, layout, 'flatDifference');
  coveredTensors(after, layout, 'flatDifference').forEach((t, i) => {
    const offset = layout.offsets[i]!;
    const from = base[i]!.data;
    for (let j = 0; j < t.data.length; j++) flat[offset + j] = t.data[j]! - from[j]!;
  });
  return flat;
}

/**
 * New tensors, in the order given: old + scale * flat for the covered ones, copies of the others.
 * Each value is computed in double and rounded once: scale 1 gives fround(old + flat) exactly.
 */
export function addFlatInto(tensors: NamedTensor[], layout: DeltaLayout, flat: Float32Array, scale = 1): NamedTensor[] {
  if (flat.length !== layout.length) throw new Error(`addFlatInto: the layout has ${layout.length} coordinates, the flat delta ${flat.length}`);
  const covered = coveredTensors(tensors, layout, 'addFlatInto');
  const offsetByName = new Map(covered.map((t, i) => [t, layout.offsets[i]!]));
  return tensors.map((t) => {
    const offset = offsetByName.get(t);
    if (offset === undefined) return { name: t.name, shape: [...t.shape], data: t.data.slice() };
    const data = new Float32Array(t.data.length);
    for (let j = 0; j < data.length; j++) data[j] = t.data[j]! + scale * flat[offset + j]!;
    return { name: t.name, shape: [...t.shape], data };
  });
}

/** addFlatInto without the copy: the covered tensors' arrays get old + scale * flat, in place. */
export function addFlatInPlace(tensors: NamedTensor[], layout: DeltaLayout, flat: Float32Array, scale = 1): void {
  if (flat.length !== layout.length) throw new Error(`addFlatInPlace: the layout has ${layout.length} coordinates, the flat delta ${flat.length}`);
  coveredTensors(tensors, layout, 'addFlatInPlace').forEach((t, i) => {
    const offset = layout.offsets[i]!;
    const data = t.data;
    for (let j = 0; j < data.length; j++) data[j] = data[j]! + scale * flat[offset + j]!;
  });
}

/**
 * A flat vector of `to` holding, for every tensor both layouts cover with the same shape, the
 * values `flat` holds under `from`, and zeros elsewhere: outer momentum across a growth step.
 */
export function carryOverFlat(flat: Float32Array, from: DeltaLayout, to: DeltaLayout): Float32Array {
  if (flat.length !== from.length) throw new Error(`carryOverFlat: the layout has ${from.length} coordinates, the flat vector ${flat.length}`);
  const fromIndex = new Map(from.names.map((name, i) => [name, i]));
  const out = new Float32Array(to.length);
  to.names.forEach((name, i) => {
    const k = fromIndex.get(name);
    if (k === undefined || !sameShape(from.shapes[k]!, to.shapes[i]!)) return;
    const start = from.offsets[k]!;
    out.set(flat.subarray(start, start + tensorSize(to.shapes[i]!)), to.offsets[i]!);
  });
  return out;
}
