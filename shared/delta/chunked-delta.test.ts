import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../random/generator.ts';
import { chunkedDeltaBytes, chunkSpans, decodeChunkedDelta, decodeDeltaChunk, DELTA_CHUNK, encodeChunkedDelta } from './chunked-delta.ts';
import { decodeDelta, DELTA_ENCODINGS, encodeDelta } from './codec.ts';
import { INT2_BLOCK } from './int2-codec.ts';
import { INT8_BLOCK } from './int8-codec.ts';

const random = new RandomGenerator(5);
const LENGTH = 2 * DELTA_CHUNK + 1234;
const flat = Float32Array.from({ length: LENGTH }, () => (random.next() - 0.5) * 1e-2);

describe('chunked deltas', () => {
  it('chunks on block boundaries of every encoding', () => {
    expect(DELTA_CHUNK % INT8_BLOCK).toBe(0);
    expect(DELTA_CHUNK % INT2_BLOCK).toBe(0);
  });

  it.each(DELTA_ENCODINGS)('%s: each chunk is that range encoded on its own, and the whole decodes as each chunk does', (encoding) => {
    const bytes = encodeChunkedDelta(flat, encoding);
    expect(bytes.length).toBe(chunkedDeltaBytes(encoding, LENGTH));
    const spans = chunkSpans(encoding, LENGTH);
    expect(spans).toHaveLength(3);
    const whole = decodeChunkedDelta(bytes, encoding, LENGTH);
    if (!whole.ok) throw new Error(whole.error);
    spans.forEach((span, chunk) => {
      const own = encodeDelta(flat.subarray(chunk * DELTA_CHUNK, Math.min(LENGTH, (chunk + 1) * DELTA_CHUNK)), encoding);
      expect(bytes.subarray(span.start, span.end)).toEqual(own);
      const decoded = decodeDeltaChunk(bytes.subarray(span.start, span.end), encoding, LENGTH, chunk);
      expect(decoded).toEqual(whole.value.subarray(chunk * DELTA_CHUNK, chunk * DELTA_CHUNK + decoded.length));
    });
    const single = decodeDelta(encodeDelta(flat, encoding), encoding, LENGTH);
    if (!single.ok) throw new Error(single.error);
    if (encoding === 'f32' || encoding === 'f16') expect(whole.value).toEqual(single.value);
  });

  it('refuses another byte length and names the chunk of a bad coordinate', () => {
    const bytes = encodeChunkedDelta(flat, 'f32');
    expect(decodeChunkedDelta(bytes.subarray(1), 'f32', LENGTH)).toEqual({ ok: false, error: `f32 delta of ${LENGTH} coordinates takes ${bytes.length} bytes, got ${bytes.length - 1}` });
    const bad = bytes.slice();
    new DataView(bad.buffer).setFloat32(4 * (DELTA_CHUNK + 3), Number.NaN, true);
    const refused = decodeChunkedDelta(bad, 'f32', LENGTH);
    expect(!refused.ok && refused.error).toMatch(/^chunk 1 \(coordinates 65536-131072\): decodeDelta: f32 coordinate 3 decodes to NaN/);
  });
});
