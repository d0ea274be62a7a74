import { describe, expect, it } from 'vitest';
import { subtractTensors } from '../aggregate/delta-arithmetic.ts';
import type { ArchitectureSpec } from '../architecture/spec.ts';
import { growStage } from '../init/grow-stage.ts';
import { initialModelState } from '../init/initial-state.ts';
import { RandomGenerator } from '../random/generator.ts';
import { tensorSize, tensorSpecs } from '../architecture/parameters.ts';
import { isMomentumName, momentumName, type ModelState, type NamedTensor } from '../state/types.ts';
import { addFlatInPlace, addFlatInto, carryOverFlat, deltaLayout, flatDifference, flattenTensors, isNetworkTensor, layoutKey } from './delta-layout.ts';

const architecture: ArchitectureSpec = { family: 'Basic3ResNet', depths: [1, 1, 1], widths: [4, 8, 16], input: { height: 8, width: 8, channels: 3 }, classes: 10 };
const runState = initialModelState(architecture, 3);
/** A trainer's tensors: the run's state and the volunteer's momentum buffers, which never travel. */
const state: ModelState = {
  ...runState,
  tensors: [...runState.tensors, ...tensorSpecs(architecture).filter((s) => s.trainable).map((s) => ({ name: momentumName(s.name), shape: [...s.shape], data: new Float32Array(tensorSize(s.shape)).fill(0.25) }))],
};
const random = new RandomGenerator(11);
const shifted = (tensors: NamedTensor[]): NamedTensor[] =>
  tensors.map((t) => ({ ...t, data: t.data.map((v) => v + (random.next() - 0.5) * 1e-2) }));
const bits = (data: Float32Array) => Array.from(new Uint32Array(data.slice().buffer));

describe('deltaLayout', () => {
  const layout = deltaLayout(state, isNetworkTensor);

  it('covers the chosen tensors in state order, each one starting where the previous one ends', () => {
    const network = state.tensors.filter((t) => !isMomentumName(t.name));
    expect(layout.names).toEqual(network.map((t) => t.name));
    expect(layout.shapes).toEqual(network.map((t) => t.shape));
    network.forEach((t, i) => expect((layout.offsets[i + 1] ?? layout.length) - layout.offsets[i]!).toBe(t.data.length));
    expect(layout.offsets[0]).toBe(0);
  });

  it('isNetworkTensor keeps weights and BN statistics, leaves out every momentum buffer', () => {
    expect(isNetworkTensor('stage1.block0.conv1.weight#momentum')).toBe(false);
    expect(layout.names.some(isMomentumName)).toBe(false);
    expect(state.tensors.filter((t) => isMomentumName(t.name)).length).toBeGreaterThan(0);
  });

  it('layoutKey tells a grown architecture from the one before it', () => {
    const grown = growStage(runState, 0, 'ZeroInit', 1, 5);
    expect(layoutKey(deltaLayout(runState, isNetworkTensor))).toBe(layoutKey(layout));
    expect(layoutKey(deltaLayout(grown, isNetworkTensor))).not.toBe(layoutKey(layout));
    expect(layoutKey(deltaLayout(state, () => true))).not.toBe(layoutKey(layout));
  });
});

describe('flattenTensors, flatDifference and addFlatInto', () => {
  const layout = deltaLayout(state, isNetworkTensor);
  const after = shifted(state.tensors);

  it('flatDifference equals the flattened subtractTensors bit for bit, whatever the tensor order', () => {
    const expected = flattenTensors(subtractTensors(after, state.tensors), layout);
    expect(bits(flatDifference([...after].reverse(), state.tensors, layout))).toEqual(bits(expected));
  });

  it('addFlatInto with scale 1 gives the naive fround(old + delta) on the covered tensors and copies the others', () => {
    const delta = subtractTensors(after, state.tensors).filter((t) => isNetworkTensor(t.name));
    const deltaByName = new Map(delta.map((t) => [t.name, t.data]));
    const got = addFlatInto(state.tensors, layout, flattenTensors(delta, layout));
    expect(got.map((t) => t.name)).toEqual(state.tensors.map((t) => t.name));
    got.forEach((t, i) => {
      const old = state.tensors[i]!.data;
      const d = deltaByName.get(t.name);
      expect(bits(t.data)).toEqual(bits(d ? old.map((v, j) => Math.fround(v + d[j]!)) : old));
      expect(t.data).not.toBe(old);
    });
  });

  it('addFlatInPlace writes what addFlatInto returns into the given arrays, and leaves the others alone', () => {
    const flat = Float32Array.from({ length: layout.length }, () => random.next() - 0.5);
    const expected = addFlatInto(state.tensors, layout, flat, 0.7);
    const own = state.tensors.map((t) => ({ ...t, data: t.data.slice() }));
    const arrays = own.map((t) => t.data);
    addFlatInPlace(own, layout, flat, 0.7);
    own.forEach((t, i) => {
      expect(t.data).toBe(arrays[i]);
      expect(bits(t.data)).toEqual(bits(expected[i]!.data));
    });
    expect(() => addFlatInPlace(own, layout, flat.subarray(1))).toThrow(`the layout has ${layout.length} coordinates`);
  });

  it('addFlatInto scales the flat delta', () => {
    const flat = new Float32Array(layout.length).fill(2);
    const got = addFlatInto(state.tensors, layout, flat, -0.25);
    const first = state.tensors[0]!;
    expect(got[0]!.data[3]).toBe(Math.fround(first.data[3]! - 0.5));
  });

  it('a flat vector round-trips through flattenTensors and addFlatInto on zeros', () => {
    const zeros = state.tensors.map((t) => ({ ...t, data: new Float32Array(t.data.length) }));
    const flat = Float32Array.from({ length: layout.length }, () => random.next() - 0.5);
    expect(bits(flattenTensors(addFlatInto(zeros, layout, flat), layout))).toEqual(bits(flat));
  });

  it.each([
    ['a missing tensor', (s: NamedTensor[]) => s.slice(1), 'the layout covers "'],
    ['a duplicated tensor', (s: NamedTensor[]) => [...s, s[0]!], 'appears twice'],
    ['another shape', (s: NamedTensor[]) => [{ ...s[0]!, shape: [s[0]!.data.length] }, ...s.slice(1)], 'should have shape'],
  ])('throws on %s (a bug: states mixed up)', (_case, change, message) => {
    expect(() => flattenTensors(change(state.tensors), layout)).toThrow(message);
    expect(() => addFlatInto(change(state.tensors), layout, new Float32Array(layout.length))).toThrow(message);
  });

  it('addFlatInto throws on a flat delta of another length', () => {
    expect(() => addFlatInto(state.tensors, layout, new Float32Array(layout.length - 1))).toThrow(`the layout has ${layout.length} coordinates`);
  });
});

describe('carryOverFlat', () => {
  it('keeps values by tensor name and shape across growth, zeros for the new tensors', () => {
    const grown: ModelState = growStage(runState, 1, 'ZeroInit', 1, 5);
    const from = deltaLayout(runState, isNetworkTensor);
    const to = deltaLayout(grown, isNetworkTensor);
    const flat = Float32Array.from({ length: from.length }, (_, j) => j + 1);
    const carried = carryOverFlat(flat, from, to);
    to.names.forEach((name, i) => {
      const k = from.names.indexOf(name);
      const size = (to.offsets[i + 1] ?? to.length) - to.offsets[i]!;
      const got = Array.from(carried.subarray(to.offsets[i]!, to.offsets[i]! + size));
      expect(got).toEqual(k < 0 ? new Array(size).fill(0) : Array.from(flat.subarray(from.offsets[k]!, from.offsets[k]! + size)));
    });
    expect(to.names.some((name) => !from.names.includes(name))).toBe(true);
  });
});
