import { describe, expect, it } from 'vitest';
import { tensorSpecs } from '../architecture/parameters.ts';
import type { ArchitectureSpec, Family } from '../architecture/spec.ts';
import type { ModelState } from '../state/types.ts';
import { initialModelState } from './initial-state.ts';

const cifar = { height: 32, width: 32, channels: 3 };
const spec = (family: Family, depths: number[], widths: number[], classes = 10): ArchitectureSpec => ({ family, depths, widths, input: cifar, classes });
const byName = (state: ModelState, name: string) => state.tensors.find((t) => t.name === name)!.data;
const bits = (data: Float32Array) => new Uint32Array(data.slice().buffer);

function extremes(data: Float32Array): { min: number; max: number } {
  return data.reduce((acc, v) => ({ min: Math.min(acc.min, v), max: Math.max(acc.max, v) }), { min: Infinity, max: -Infinity });
}

function moments(data: Float32Array): { mean: number; std: number } {
  let sum = 0;
  let squares = 0;
  for (const v of data) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / data.length;
  return { mean, std: Math.sqrt(squares / data.length - mean * mean) };
}

describe('initialModelState', () => {
  it.each([
    spec('Basic3ResNet', [1, 2, 1], [16, 32, 64]),
    spec('Bottleneck4ResNet', [1, 1, 2, 1], [8, 16, 32, 64], 100),
    spec('Plain4Net', [2, 1, 1, 1], [8, 16, 32, 64]),
  ])('holds tensorSpecs in order, no momentum buffer ($family)', (architecture) => {
    const state = initialModelState(architecture, 7);
    const specs = tensorSpecs(architecture);
    const expected = specs.map((t) => [t.name, t.shape]);
    expect(state.tensors.map((t) => [t.name, t.shape])).toEqual(expected);
    for (const t of state.tensors) expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    expect(state.architecture).toEqual(architecture);
    expect(state.architecture).not.toBe(architecture);
  });

  it('draws conv filters He-normal with fan_out: mean 0, std within 5% of sqrt(2 / (k*k*out))', () => {
    const state = initialModelState(spec('Basic3ResNet', [1, 1, 1], [16, 32, 256]), 1);
    // [3, 3, 32, 256]: fan_out (2304) and fan_in (288) differ, so the test tells them apart.
    const filter = byName(state, 's2.b0.conv1.w');
    const expectedStd = Math.sqrt(2 / (3 * 3 * 256));
    const { mean, std } = moments(filter);
    expect(Math.abs(std / expectedStd - 1)).toBeLessThan(0.05);
    expect(Math.abs(mean)).toBeLessThan(0.01 * expectedStd);
    // The 1x1 projection uses its own fan_out (1*1*256), so it is wider.
    const projection = moments(byName(state, 's2.b0.shortcut.conv.w'));
    expect(Math.abs(projection.std / Math.sqrt(2 / 256) - 1)).toBeLessThan(0.05);
  });

  it('draws the dense head U(-1/sqrt(in), 1/sqrt(in)), bias included', () => {
    const state = initialModelState(spec('Basic3ResNet', [1, 1, 1], [16, 32, 64], 1000), 3);
    const bound = 1 / Math.sqrt(64);
    const weight = byName(state, 'head.w');
    const bias = byName(state, 'head.b');
    for (const data of [weight, bias]) {
      expect(extremes(data).max).toBeLessThanOrEqual(bound);
      expect(extremes(data).min).toBeGreaterThanOrEqual(-bound);
    }
    const { mean, std } = moments(weight);
    expect(Math.abs(mean)).toBeLessThan(0.01 * bound);
    expect(Math.abs(std / (bound / Math.sqrt(3)) - 1)).toBeLessThan(0.02);
    expect(extremes(weight).max).toBeGreaterThan(0.99 * bound);
    expect(extremes(weight).min).toBeLessThan(-0.99 * bound);
    expect(Math.abs(moments(bias).std / (bound / Math.sqrt(3)) - 1)).toBeLessThan(0.1);
  });

  it('sets BN gamma 1, beta 0, running mean 0, running var 1', () => {
    const state = initialModelState(spec('Bottleneck4ResNet', [1, 1, 1, 1], [4, 8, 8, 8]), 5);
    const valuesOf = (suffix: string) => state.tensors.filter((t) => t.name.endsWith(suffix)).flatMap((t) => [...new Set(t.data)]);
    expect(new Set(valuesOf('.gamma'))).toEqual(new Set([1]));
    expect(new Set(valuesOf('.beta'))).toEqual(new Set([0]));
    expect(new Set(valuesOf('.mean'))).toEqual(new Set([0]));
    expect(new Set(valuesOf('.var'))).toEqual(new Set([1]));
  });

  it('is bit-identical for the same seed and differs for another', () => {
    const architecture = spec('Basic3ResNet', [2, 1, 1], [8, 16, 32]);
    const a = initialModelState(architecture, 42);
    const b = initialModelState(architecture, 42);
    const c = initialModelState(architecture, 43);
    a.tensors.forEach((t, i) => expect(bits(t.data)).toEqual(bits(b.tensors[i]!.data)));
    expect(bits(byName(a, 'stem.conv.w'))).not.toEqual(bits(byName(c, 'stem.conv.w')));
    expect(bits(byName(a, 'head.w'))).not.toEqual(bits(byName(c, 'head.w')));
  });

  it('draws each tensor from its own stream: deeper nets share every common tensor bit for bit', () => {
    const shallow = initialModelState(spec('Basic3ResNet', [1, 1, 1], [8, 16, 32]), 9);
    const deep = initialModelState(spec('Basic3ResNet', [3, 1, 2], [8, 16, 32]), 9);
    for (const t of shallow.tensors) expect(bits(byName(deep, t.name))).toEqual(bits(t.data));
    // Distinct tensors of the same shape do not repeat one another's draws.
    expect(bits(byName(deep, 's0.b1.conv1.w'))).not.toEqual(bits(byName(deep, 's0.b1.conv2.w')));
  });
});
