import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../random/generator.ts';
import type { ArchitectureSpec } from '../architecture/spec.ts';
import type { ModelState, NamedTensor } from '../state/types.ts';
import { applyDelta, deltaNorm, subtractTensors } from './delta-arithmetic.ts';

const tensor = (name: string, values: number[], shape = [values.length]): NamedTensor => ({ name, shape, data: Float32Array.from(values) });
const generator = new RandomGenerator(77);
const random = (name: string, n: number, spread: number): NamedTensor => tensor(name, Array.from({ length: n }, () => (generator.next() - 0.5) * spread));
const architecture: ArchitectureSpec = { family: 'Plain3Net', depths: [1, 1, 1], widths: [4, 4, 4], input: { height: 8, width: 8, channels: 1 }, classes: 2 };

describe('subtractTensors', () => {
  it('computes after - before by name, rounded once to float32 (exactly the naive fround(a - b))', () => {
    const after = [random('a', 1000, 10), random('b', 10, 1e-3)];
    const before = [random('b', 10, 1e-3), random('a', 1000, 10)];
    const delta = subtractTensors(after, before);
    expect(delta.map((t) => t.name)).toEqual(['a', 'b']);
    const expected = Array.from(after[0]!.data, (v, i) => Math.fround(v - before[1]!.data[i]!));
    expect(Array.from(delta[0]!.data)).toEqual(expected);
  });

  it('throws on a missing name, a shape mismatch or a duplicate (bugs)', () => {
    const a = tensor('a', [1, 2]);
    expect(() => subtractTensors([a, tensor('b', [1])], [a, tensor('c', [1])])).toThrow('no tensor "b" to match');
    expect(() => subtractTensors([a], [tensor('a', [1, 2], [2, 1])])).toThrow('"a" has shape [2]');
    expect(() => subtractTensors([a, a], [a, a])).toThrow('"a" appears twice');
    expect(() => subtractTensors([a], [a, tensor('b', [1])])).toThrow('same 1 tensor names on both sides, got 2');
  });
});

describe('applyDelta', () => {
  const state: ModelState = { architecture, tensors: [random('w', 500, 2), tensor('v', [1, 2, 3])] };

  it('adds the delta (fround of the double sum) and copies tensors the delta does not name', () => {
    const delta = [random('w', 500, 0.01)];
    const next = applyDelta(state, delta);
    expect(Array.from(next.tensors[0]!.data)).toEqual(Array.from(state.tensors[0]!.data, (v, i) => Math.fround(v + delta[0]!.data[i]!)));
    expect(Array.from(next.tensors[1]!.data)).toEqual([1, 2, 3]);
    expect(next.tensors[1]!.data).not.toBe(state.tensors[1]!.data);
    expect(next.architecture).toEqual(architecture);
    expect(next.architecture).not.toBe(architecture);
  });

  it('undoes subtractTensors to within float32 rounding (|error| <= 2^-23 * |value|, one rounding each)', () => {
    const after = [random('w', 500, 2), tensor('v', [1.5, 2.5, 2.75])];
    const next = applyDelta(state, subtractTensors(after, state.tensors));
    next.tensors.forEach((t, i) => t.data.forEach((v, j) => {
      const target = after[i]!.data[j]!;
      expect(Math.abs(v - target)).toBeLessThanOrEqual(2 ** -23 * Math.max(Math.abs(target), Math.abs(state.tensors[i]!.data[j]!)) * 2);
    }));
  });

  it('throws on a delta tensor the state lacks or with another shape (bugs)', () => {
    expect(() => applyDelta(state, [tensor('x', [1])])).toThrow('no tensor "x" to match');
    expect(() => applyDelta(state, [tensor('v', [1, 2])])).toThrow('"v" has shape [2]');
  });
});

describe('deltaNorm', () => {
  it('is the L2 norm over every value of every tensor, in double', () => {
    expect(deltaNorm([tensor('a', [3]), tensor('b', [0, 4])])).toBe(5);
    expect(deltaNorm([])).toBe(0);
    // 1e20 squared overflows float32 but not double.
    const norm = deltaNorm([tensor('big', [1e20, 1e20])]);
    expect(Math.abs(norm / (Math.SQRT2 * Math.fround(1e20)) - 1)).toBeLessThan(1e-15);
  });
});
