import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../random/generator.ts';
import { halfFromFloat32, halfToFloat32Table } from './half-float.ts';

// Node 24 rounds to half natively; it is the reference here (the code itself must run where it does not).
const f16round = (Math as unknown as { f16round(x: number): number }).f16round;
const table = halfToFloat32Table();
const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);
function toHalf(x: number): number {
  scratch[0] = x;
  return halfFromFloat32(scratch[0], scratchBits[0]!);
}
const halfValue = (x: number): number => table[toHalf(x)]!;
const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('half precision', () => {
  it('every half value, of either sign, encodes back to its own bits', () => {
    const wrong: number[] = [];
    for (let h = 0; h < 65536; h++) {
      const exponent = (h >>> 10) & 0x1f;
      if (exponent === 31 && (h & 0x3ff) !== 0) continue; // NaN payloads collapse to one quiet NaN
      if (toHalf(table[h]!) !== h) wrong.push(h);
    }
    expect(wrong).toEqual([]);
    expect(toHalf(NaN)).toBe(0x7e00);
  });

  it('the table agrees with the native half rounding on every half value', () => {
    const wrong: number[] = [];
    for (let h = 0; h < 65536; h++) if (!same(f16round(table[h]!), table[h]!)) wrong.push(h);
    expect(wrong).toEqual([]);
  });

  it('rounds every midpoint between neighbouring halves to the even one, and its float32 neighbours to the nearer', () => {
    const wrong: number[] = [];
    const neighbour = new Float32Array(1);
    const neighbourBits = new Uint32Array(neighbour.buffer);
    for (let h = 0; h < 0x7bff; h++) {
      const low = table[h]!;
      const high = table[h + 1]!;
      neighbour[0] = (low + high) / 2; // 12 significant bits: exact in float32
      const middle = neighbour[0];
      const tie = halfValue(middle) === (h % 2 === 0 ? low : high) && middle === (low + high) / 2;
      neighbourBits[0] = neighbourBits[0]! - 1;
      const under = halfValue(neighbour[0]!) === low;
      neighbourBits[0] = neighbourBits[0]! + 2;
      const over = halfValue(neighbour[0]!) === high;
      if (!(tie && under && over)) wrong.push(h);
    }
    expect(wrong).toEqual([]);
  });

  it('matches the native rounding on random float32 values over the whole exponent range', () => {
    const random = new RandomGenerator(7);
    const wrong: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const x = Math.fround((random.next() - 0.5) * 2 ** (random.int(80) - 50));
      if (!same(halfValue(x), f16round(x))) wrong.push(x);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps subnormals, flushes below half the smallest one, overflows to infinity from 65520', () => {
    expect(halfValue(2 ** -24)).toBe(2 ** -24);
    expect(halfValue(3 * 2 ** -25)).toBe(2 ** -23); // tie between 1 and 2 units: even
    expect(halfValue(2 ** -25)).toBe(0); // tie between 0 and 1 unit: even
    expect(halfValue(Math.fround(2 ** -25 * 1.0001))).toBe(2 ** -24);
    expect(Object.is(halfValue(-1e-30), -0)).toBe(true);
    expect(halfValue(65504)).toBe(65504);
    expect(halfValue(65519.99)).toBe(65504);
    expect(halfValue(65520)).toBe(Infinity);
    expect(halfValue(-1e10)).toBe(-Infinity);
    expect(halfValue(Infinity)).toBe(Infinity);
  });
});
