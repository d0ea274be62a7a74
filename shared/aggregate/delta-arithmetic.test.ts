import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../random/generator.ts';
import type { NamedTensor } from '../state/types.ts';
import { subtractTensors } from './delta-arithmetic.ts';

const tensor = (name: string, values: number[], shape = [values.length]): NamedTensor => ({ name, shape, data: Float32Array.from(values) });
const generator = new RandomGenerator(77);
const random = (name: string, n: number, spread: number): NamedTensor => tensor(name, Array.from({ length: n }, () => (generator.next() - 0.5) * spread));

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
