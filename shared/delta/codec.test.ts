import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../random/generator.ts';
import { decodeDelta, decodeDeltaRange, DELTA_ENCODINGS, encodeDelta, encodedDeltaBytes, type DeltaEncoding } from './codec.ts';
import { INT2_BLOCK } from './int2-codec.ts';
import { INT8_BLOCK } from './int8-codec.ts';

const random = new RandomGenerator(99);
/** Values spread over many magnitudes, like a delta: tiny BN updates next to large conv ones. */
const randomDelta = (n: number): Float32Array => Float32Array.from({ length: n }, () => (random.next() - 0.5) * 2 ** (random.int(20) - 14));
const bits = (data: Float32Array) => Array.from(new Uint32Array(data.slice().buffer));

function decoded(bytes: Uint8Array, encoding: DeltaEncoding, length: number): Float32Array {
  const result = decodeDelta(bytes, encoding, length);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function scalesOf(bytes: Uint8Array, length: number, block = INT8_BLOCK): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: Math.ceil(length / block) }, (_, b) => view.getFloat32(4 * b, true));
}

describe('delta encodings round trip within their stated bounds', () => {
  const length = 5 * INT8_BLOCK + 37; // the last int8 block is partial
  const flat = randomDelta(length);
  flat[3] = -0;
  flat[4] = 1e-45;

  it('f32 is exact, -0 and subnormals included', () => {
    expect(bits(decoded(encodeDelta(flat, 'f32'), 'f32', length))).toEqual(bits(flat));
  });

  it('f16 is within relative 2^-11 for normal halves and absolute 2^-25 below 2^-14', () => {
    const got = decoded(encodeDelta(flat, 'f16'), 'f16', length);
    let worstRelative = 0;
    let worstAbsolute = 0;
    flat.forEach((x, j) => {
      const error = Math.abs(got[j]! - x);
      if (Math.abs(x) >= 2 ** -14) worstRelative = Math.max(worstRelative, error / Math.abs(x));
      else worstAbsolute = Math.max(worstAbsolute, error);
    });
    expect(worstRelative).toBeLessThanOrEqual(2 ** -11);
    expect(worstRelative).toBeGreaterThan(2 ** -13); // the bound is nearly reached: rounding does happen
    expect(worstAbsolute).toBeLessThanOrEqual(2 ** -25);
  });

  it('int8 is within scale / 2 per coordinate (plus the float32 rounding of q * scale), scale = max |x| / 127 per block', () => {
    const bytes = encodeDelta(flat, 'int8');
    const got = decoded(bytes, 'int8', length);
    const scales = scalesOf(bytes, length);
    const worst = scales.map(() => 0);
    flat.forEach((x, j) => {
      const b = Math.floor(j / INT8_BLOCK);
      worst[b] = Math.max(worst[b]!, Math.abs(got[j]! - x) - 2 ** -24 * Math.abs(got[j]!));
    });
    scales.forEach((scale, b) => {
      const block = flat.subarray(b * INT8_BLOCK, (b + 1) * INT8_BLOCK);
      expect(scale).toBe(Math.fround(block.reduce((m, x) => Math.max(m, Math.abs(x)), 0) / 127));
      expect(worst[b]).toBeLessThanOrEqual(scale / 2);
      expect(worst[b]).toBeGreaterThan(scale / 4);
    });
  });

  it('int2 is within scale / 3 per coordinate (plus float32 rounding), scale = max |x| per block of 128', () => {
    const bytes = encodeDelta(flat, 'int2');
    const got = decoded(bytes, 'int2', length);
    const scales = scalesOf(bytes, length, INT2_BLOCK);
    const worst = scales.map(() => 0);
    flat.forEach((x, j) => {
      const b = Math.floor(j / INT2_BLOCK);
      worst[b] = Math.max(worst[b]!, Math.abs(got[j]! - x) - 2 ** -24 * Math.abs(got[j]!));
    });
    scales.forEach((scale, b) => {
      const block = flat.subarray(b * INT2_BLOCK, (b + 1) * INT2_BLOCK);
      expect(scale).toBe(block.reduce((m, x) => Math.max(m, Math.abs(x)), 0));
      expect(worst[b]).toBeLessThanOrEqual(scale / 3);
      expect(worst[b]).toBeGreaterThan(scale / 6);
    });
    const levels = new Set(got.subarray(0, INT2_BLOCK).map((v) => Math.round((3 * v) / scales[0]!)));
    expect([...levels].every((level) => [-3, -1, 1, 3].includes(level))).toBe(true);
  });

  it('int8 keeps a block\'s largest value to float32 rounding and an all-zero block as zeros', () => {
    const data = new Float32Array(2 * INT8_BLOCK);
    data[5] = -3.25;
    data[6] = 1;
    const got = decoded(encodeDelta(data, 'int8'), 'int8', data.length);
    expect(Math.abs(got[5]! + 3.25)).toBeLessThanOrEqual(3.25 * 2 ** -23);
    expect(Array.from(got.subarray(INT8_BLOCK))).toEqual(new Array(INT8_BLOCK).fill(0));
  });

  it.each(DELTA_ENCODINGS)('%s: encodedDeltaBytes matches the encoder, an empty delta included', (encoding) => {
    expect(encodeDelta(flat, encoding).length).toBe(encodedDeltaBytes(encoding, length));
    expect(decoded(encodeDelta(new Float32Array(0), encoding), encoding, 0)).toEqual(new Float32Array(0));
  });

  it('sizes: f32 4, f16 2, int8 1 byte per coordinate plus 4 per 256, int2 a quarter byte plus 4 per 128', () => {
    expect(DELTA_ENCODINGS.map((e) => encodedDeltaBytes(e, 1001))).toEqual([4004, 2002, 1001 + 4 * 4, 251 + 4 * 8]);
  });
});

describe('decodeDeltaRange', () => {
  const length = 3 * INT8_BLOCK + 5;
  const flat = randomDelta(length);

  it.each(DELTA_ENCODINGS)('%s: any range equals the same slice of the full decode, bit for bit', (encoding) => {
    const bytes = encodeDelta(flat, encoding);
    const full = decoded(bytes, encoding, length);
    for (const [start, end] of [[0, length], [0, 1], [INT8_BLOCK - 3, 2 * INT8_BLOCK + 7], [length - 5, length], [17, 17]] as const) {
      expect(bits(decodeDeltaRange(bytes, encoding, length, start, end))).toEqual(bits(full.subarray(start, end)));
    }
  });

  it('reads bytes that sit at an offset inside a larger buffer', () => {
    const bytes = encodeDelta(flat, 'int8');
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    const view = padded.subarray(3);
    expect(bits(decodeDeltaRange(view, 'int8', length, 10, 300))).toEqual(bits(decoded(bytes, 'int8', length).subarray(10, 300)));
    expect(bits(decoded(view, 'int8', length))).toEqual(bits(decoded(bytes, 'int8', length)));
  });

  it('decodes into a given array: decodeDelta fills it all, decodeDeltaRange its start', () => {
    const bytes = encodeDelta(flat, 'f16');
    const full = decoded(bytes, 'f16', length);
    const into = new Float32Array(length).fill(7);
    const result = decodeDelta(bytes, 'f16', length, into);
    expect(result.ok && result.value).toBe(into);
    expect(bits(into)).toEqual(bits(full));
    const scratch = new Float32Array(64).fill(7);
    const range = decodeDeltaRange(bytes, 'f16', length, 100, 140, scratch);
    expect(range.buffer).toBe(scratch.buffer);
    expect(bits(range)).toEqual(bits(full.subarray(100, 140)));
    expect(scratch[40]).toBe(7);
    expect(() => decodeDelta(bytes, 'f16', length, new Float32Array(3))).toThrow('into holds 3 coordinates, the delta');
    expect(() => decodeDeltaRange(bytes, 'f16', length, 0, 65, scratch)).toThrow('into holds 64 coordinates, the range 65');
  });

  it('throws on a range outside the delta or bytes of another length (bugs)', () => {
    const bytes = encodeDelta(flat, 'f16');
    expect(() => decodeDeltaRange(bytes, 'f16', length, 5, length + 1)).toThrow(`range [5, ${length + 1}) should lie within [0, ${length}]`);
    expect(() => decodeDeltaRange(bytes, 'f16', length, 5, 4)).toThrow('should lie within');
    expect(() => decodeDeltaRange(bytes.subarray(2), 'f16', length, 0, 1)).toThrow(`takes ${2 * length} bytes, got ${2 * length - 2}`);
  });
});

describe('decodeDelta refuses malformed bytes with a message naming the encoding and the numbers', () => {
  const length = 2 * INT8_BLOCK + 1;
  const flat = randomDelta(length);
  const withScale = (scale: number, block = 1): Uint8Array => {
    const bytes = encodeDelta(flat, 'int8');
    new DataView(bytes.buffer).setFloat32(4 * block, scale, true);
    return bytes;
  };
  const int8Values = (bytes: Uint8Array) => new Int8Array(bytes.buffer, 4 * Math.ceil(length / INT8_BLOCK));
  const withValues = (encoding: 'f32' | 'f16', at: number, value: number): Uint8Array => {
    const data = flat.slice();
    data[at] = value;
    return encodeDelta(data, encoding);
  };

  it.each([
    ['a short f32', encodeDelta(flat, 'f32').subarray(1), 'f32', `f32 of ${length} coordinates takes ${4 * length} bytes, got ${4 * length - 1}`],
    ['a long f16', new Uint8Array(2 * length + 2), 'f16', `f16 of ${length} coordinates takes ${2 * length} bytes, got ${2 * length + 2}`],
    ['an int8 without its scales', new Uint8Array(length), 'int8', `int8 of ${length} coordinates takes ${length + 12} bytes, got ${length}`],
    ['an f32 NaN', withValues('f32', 7, NaN), 'f32', 'f32 coordinate 7 decodes to NaN; every coordinate must be finite'],
    ['an f32 infinity', withValues('f32', 0, -Infinity), 'f32', 'f32 coordinate 0 decodes to -Infinity'],
    ['an f16 overflow', withValues('f16', 9, 70000), 'f16', 'f16 coordinate 9 decodes to Infinity (|x| >= 65520 overflows half precision)'],
    ['an f16 NaN', withValues('f16', 2, NaN), 'f16', 'f16 coordinate 2 decodes to NaN; every'],
    ['an int8 NaN scale', withScale(NaN), 'int8', 'int8 block 1 has scale NaN; a scale must be finite, at least 0'],
    ['an int8 infinite scale', withScale(Infinity, 2), 'int8', 'int8 block 2 has scale Infinity'],
    ['an int8 negative scale', withScale(-0.5, 0), 'int8', 'int8 block 0 has scale -0.5'],
    ['an int8 scale that overflows at 127', withScale(3e36), 'int8', `int8 block 1 has scale ${Math.fround(3e36)}`],
    ['an int2 NaN scale', (() => { const b = encodeDelta(flat, 'int2'); new DataView(b.buffer).setFloat32(8, NaN, true); return b; })(), 'int2', 'int2 block 2 has scale NaN; a scale must be finite and at least 0'],
    ['int2 padding bits set', (() => { const b = encodeDelta(flat, 'int2'); b[b.length - 1] = b[b.length - 1]! | 0b1100; return b; })(), 'int2', `int2 padding bits after coordinate ${length - 1} are 3; they must be 0`],
    ['an int8 value of -128', (() => { const b = encodeDelta(flat, 'int8'); int8Values(b)[300] = -128; return b; })(), 'int8', 'int8 coordinate 300 holds -128; values must lie in [-127, 127]'],
  ] as const)('refuses %s', (_case, bytes, encoding, message) => {
    const result = decodeDelta(bytes, encoding, length);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^decodeDelta: /) });
    expect(result.ok ? '' : result.error).toContain(message);
  });

  it.each([['int8', INT8_BLOCK], ['int2', INT2_BLOCK]] as const)('the %s encoder carries a non-finite delta into a refused scale, never into finite bytes', (encoding, block) => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const data = flat.slice();
      data[block + 4] = bad;
      const result = decodeDelta(encodeDelta(data, encoding), encoding, length);
      expect(result.ok ? 'accepted' : result.error).toContain(`${encoding} block 1 has scale`);
    }
  });

  it('refuses an unknown encoding as a value, and throws in the encoder (a bug on the sending side)', () => {
    expect(decodeDelta(new Uint8Array(4), 'int4' as DeltaEncoding, 1)).toEqual({ ok: false, error: 'decodeDelta: unknown encoding "int4", expected one of f32, f16, int8, int2' });
    expect(() => encodeDelta(flat, 'int4' as DeltaEncoding)).toThrow('unknown encoding "int4"');
  });

  it('accepts the largest int8 scale that keeps 127 x scale finite and a -0 scale', () => {
    expect(decodeDelta(withScale(Math.fround(3.4028234663852886e38 / 127) * (1 - 2 ** -20)), 'int8', length).ok).toBe(true);
    expect(decodeDelta(withScale(-0), 'int8', length).ok).toBe(true);
  });
});
