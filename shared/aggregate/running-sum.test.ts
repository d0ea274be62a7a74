import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../random/generator.ts';
import { combineDeltas, deltaNorm, type DeltaReport } from './combine-deltas.ts';
import { clipScale, flatNorm } from './flat-norm.ts';
import { RunningSum } from './running-sum.ts';

const random = new RandomGenerator(31);
const bits = (data: Float32Array) => Array.from(new Uint32Array(data.slice().buffer));
const randomFlat = (n: number, spread = 1) => Float32Array.from({ length: n }, () => (random.next() - 0.5) * spread);
const asReport = (flat: Float32Array, samples: number): DeltaReport => ({ samples, delta: [{ name: 'flat', shape: [flat.length], data: flat }] });

/**
 * Streaming and batch both round a double sum once to float32; the double sums differ by about
 * R * 2^-53 of sum |w x|. Tolerance: absolute, 1e-6 times the largest |value| among the reports.
 */
function expectCloseToBatch(got: Float32Array, batch: Float32Array, flats: Float32Array[]): number {
  const scale = Math.max(...flats.map((f) => f.reduce((m, x) => Math.max(m, Math.abs(x)), 0)));
  let worst = 0;
  let differing = 0;
  got.forEach((v, j) => {
    worst = Math.max(worst, Math.abs(v - batch[j]!));
    if (v !== batch[j]) differing++;
  });
  expect(worst).toBeLessThanOrEqual(1e-6 * scale);
  return differing / got.length;
}

function batchValue(combined: ReturnType<typeof combineDeltas>) {
  if (!combined.ok) throw new Error(combined.error);
  return combined.value;
}

describe('RunningSum against combineDeltas', () => {
  it.each([1, 2, 5, 32])('mean of %i reports with sample weights equals the batch mean to 1e-6 (nearly all bit for bit)', (count) => {
    const flats = Array.from({ length: count }, () => randomFlat(3001));
    const samples = flats.map((_, r) => 1 + ((r * 37) % 129));
    const sum = new RunningSum(3001);
    flats.forEach((flat, r) => sum.add(flat, samples[r]!));
    const batch = batchValue(combineDeltas(flats.map((f, r) => asReport(f, samples[r]!)), 'mean', { trimFraction: 0, maxDeltaNorm: 1 }))[0]!.data;
    expect(expectCloseToBatch(sum.mean(), batch, flats)).toBeLessThan(0.01);
    expect([sum.count, sum.totalWeight]).toEqual([count, samples.reduce((a, b) => a + b, 0)]);
  });

  it('norm-clip as clipScale at acceptance then add equals the batch norm-clip to 1e-6', () => {
    const flats = Array.from({ length: 7 }, (_, r) => randomFlat(2000, r + 1));
    const maxDeltaNorm = 20; // between the smallest and largest norms, so some reports are clipped
    const norms = flats.map(flatNorm);
    expect(norms.some((n) => n > maxDeltaNorm) && norms.some((n) => n < maxDeltaNorm)).toBe(true);
    const sum = new RunningSum(2000);
    flats.forEach((flat, r) => sum.add(flat, 10 + r, clipScale(norms[r]!, maxDeltaNorm)));
    const batch = batchValue(combineDeltas(flats.map((f, r) => asReport(f, 10 + r)), 'norm-clip', { trimFraction: 0, maxDeltaNorm }))[0]!.data;
    expectCloseToBatch(sum.mean(), batch, flats);
  });

  it('flatNorm is deltaNorm over the same values, to the bit', () => {
    const flat = randomFlat(5000);
    expect(flatNorm(flat)).toBe(deltaNorm([{ name: 'a', shape: [5000], data: flat }]));
  });
});

describe('RunningSum with one report', () => {
  const awkward = Float32Array.of(-0, 0, 1e-45, -3.4e8, 0.1, -7, 1 / 3, 3.4e38);

  it.each([1, 37, 128, 2 ** 28 - 1])('gives back the delta bit for bit at weight %i, -0 and subnormals included', (weight) => {
    const sum = new RunningSum(awkward.length);
    sum.add(awkward, weight);
    expect(bits(sum.mean())).toEqual(bits(awkward));
  });

  it('writes the mean into a given array of the right length', () => {
    const sum = new RunningSum(awkward.length);
    sum.add(awkward, 3);
    const into = new Float32Array(awkward.length);
    expect(sum.mean(into)).toBe(into);
    expect(bits(into)).toEqual(bits(awkward));
    expect(() => sum.mean(new Float32Array(2))).toThrow(`into holds 2 coordinates, the sum ${awkward.length}`);
  });

  it('gives back the batch norm-clip result of an over-norm delta bit for bit', () => {
    const flat = Float32Array.of(30, 40, 0.1);
    const sum = new RunningSum(3);
    sum.add(flat, 9, clipScale(flatNorm(flat), 10));
    expect(bits(sum.mean())).toEqual(bits(batchValue(combineDeltas([asReport(flat, 9)], 'norm-clip', { trimFraction: 0, maxDeltaNorm: 10 }))[0]!.data));
  });
});

describe('norm checks', () => {
  it('flatNorm is the L2 norm, NaN for a NaN coordinate', () => {
    expect(flatNorm(Float32Array.of(3, 4))).toBe(5);
    expect(flatNorm(Float32Array.of(Number.NaN, 1))).toBeNaN();
  });

  it('clipScale is min(1, maxDeltaNorm / norm), 1 for a zero delta', () => {
    expect([clipScale(50, 10), clipScale(5, 10), clipScale(0, 10)]).toEqual([0.2, 1, 1]);
    expect(() => clipScale(1, 0)).toThrow('maxDeltaNorm should be positive, got 0');
  });
});

describe('RunningSum preconditions (bugs throw)', () => {
  it.each([
    ['another length', (s: RunningSum) => s.add(new Float32Array(3), 1), 'expected 4 coordinates, got 3'],
    ['a zero weight', (s: RunningSum) => s.add(new Float32Array(4), 0), 'weight should be positive and finite, got 0'],
    ['an infinite weight', (s: RunningSum) => s.add(new Float32Array(4), Infinity), 'got Infinity'],
    ['a zero scale', (s: RunningSum) => s.add(new Float32Array(4), 1, 0), 'scale should be positive and finite, got 0'],
    ['a mean before any report', (s: RunningSum) => s.mean(), 'no report was added'],
  ])('throws on %s and changes nothing', (_case, misuse, message) => {
    const sum = new RunningSum(4);
    expect(() => misuse(sum)).toThrow(message);
    expect([sum.count, sum.totalWeight]).toEqual([0, 0]);
  });

  it('throws on a bad length', () => {
    expect(() => new RunningSum(-1)).toThrow('length should be a non-negative integer, got -1');
  });
});
