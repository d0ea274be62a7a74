import { describe, expect, it } from 'vitest';
import { decodeTensors, encodeTensors } from './tensor-bundle.ts';
import type { NamedTensor } from './types.ts';

const bits = (data: Float32Array) => Array.from(new Uint32Array(data.slice().buffer));

const sample: NamedTensor[] = [
  { name: 'stem.conv.w', shape: [3, 3, 1, 2], data: Float32Array.from({ length: 18 }, (_, i) => i / 7 - 1) },
  { name: 'scalar', shape: [], data: Float32Array.of(1) },
  { name: 'empty', shape: [0, 4], data: new Float32Array(0) },
  { name: 'edge values', shape: [6], data: Float32Array.of(-0, Infinity, -Infinity, NaN, 1e-45, 3.4028234663852886e38) },
  { name: 'ünïcødé 😀', shape: [1], data: Float32Array.of(0.1) },
];

/** The documented layout written independently with Node's Buffer. */
function referenceBundle(tensors: NamedTensor[]): Uint8Array {
  const header = Buffer.from(JSON.stringify(tensors.map(({ name, shape }) => ({ name, shape }))), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.write('AGT1', 0, 'latin1');
  prefix.writeUInt32LE(header.length, 4);
  const padding = Buffer.alloc((4 - ((8 + header.length) % 4)) % 4);
  const payload = Buffer.concat(tensors.map((t) => {
    const out = Buffer.alloc(t.data.length * 4);
    t.data.forEach((v, i) => out.writeFloatLE(v, i * 4));
    return out;
  }));
  return new Uint8Array(Buffer.concat([prefix, header, padding, payload]));
}

function withByte(bytes: Uint8Array, index: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = value;
  return copy;
}

/** A bundle whose header text is replaced (payload as given). */
function bundleWithHeader(headerText: string, payloadBytes = 0): Uint8Array {
  const header = Buffer.from(headerText, 'utf8');
  const start = (8 + header.length + 3) & ~3;
  const bytes = new Uint8Array(start + payloadBytes);
  bytes.set([0x41, 0x47, 0x54, 0x31]);
  new DataView(bytes.buffer).setUint32(4, header.length, true);
  bytes.set(header, 8);
  return bytes;
}

describe('encodeTensors', () => {
  it('writes exactly the documented layout (magic, LE header length, JSON header, padding, LE float32)', () => {
    expect(Array.from(encodeTensors(sample))).toEqual(Array.from(referenceBundle(sample)));
  });

  it('throws on a shape that does not match the data, and on duplicate names (bugs)', () => {
    expect(() => encodeTensors([{ name: 'a', shape: [2, 2], data: new Float32Array(3) }])).toThrow('"a" has shape [2,2] (4 values) but 3 values');
    const a = { name: 'a', shape: [1], data: new Float32Array(1) };
    expect(() => encodeTensors([a, a])).toThrow('duplicate tensor name "a"');
  });
});

describe('decodeTensors', () => {
  it('round-trips names, shapes and every float bit pattern (-0, Inf, NaN, subnormal)', () => {
    const decoded = decodeTensors(encodeTensors(sample));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value.map((t) => [t.name, t.shape])).toEqual(sample.map((t) => [t.name, t.shape]));
    decoded.value.forEach((t, i) => expect(bits(t.data)).toEqual(bits(sample[i]!.data)));
  });

  it('decodes from an unaligned view and never aliases the input bytes', () => {
    const bundle = encodeTensors(sample);
    const shifted = new Uint8Array(bundle.length + 1);
    shifted.set(bundle, 1);
    const view = shifted.subarray(1);
    const decoded = decodeTensors(view);
    if (!decoded.ok) throw new Error(decoded.error);
    view.fill(0);
    expect(bits(decoded.value[0]!.data)).toEqual(bits(sample[0]!.data));
  });

  it.each([
    ['wrong magic', withByte(encodeTensors(sample), 0, 0x42), 'expected the magic "AGT1"'],
    ['fewer than 8 bytes', encodeTensors(sample).subarray(0, 6), 'expected the magic "AGT1"'],
    ['a header longer than the bundle', withByte(encodeTensors(sample), 6, 0xff), 'does not fit in'],
    ['the largest u32 header length', Uint8Array.from([...encodeTensors(sample).subarray(0, 4), 0xff, 0xff, 0xff, 0xff, ...encodeTensors(sample).subarray(8)]), 'header of 4294967295 bytes does not fit'],
    ['a missing payload byte', encodeTensors(sample).subarray(0, -1), 'need 104 payload bytes, got 103'],
    ['an extra payload byte', Uint8Array.from([...encodeTensors(sample), 0]), 'need 104 payload bytes, got 105'],
    ['a header that is not JSON', bundleWithHeader('[{"name":'), 'does not parse'],
    ['a header that is not an array', bundleWithHeader('{"name":"a","shape":[1]}', 4), 'JSON array of {name, shape}'],
    ['a negative dimension', bundleWithHeader('[{"name":"a","shape":[-1]}]'), 'header entry 0 should be'],
    ['a fractional dimension', bundleWithHeader('[{"name":"a","shape":[1.5]}]', 4), 'header entry 0 should be'],
    ['a missing name', bundleWithHeader('[{"shape":[1]}]', 4), 'header entry 0 should be'],
    ['a duplicate name', bundleWithHeader('[{"name":"a","shape":[1]},{"name":"a","shape":[1]}]', 8), 'names "a" twice'],
    ['a huge shape', bundleWithHeader('[{"name":"a","shape":[1000000000,1000000000]}]', 4), 'payload bytes, got 4'],
    ['invalid UTF-8 in the header', withByte(bundleWithHeader('[{"name":"ab","shape":[1]}]', 4), 18, 0xc0), 'not valid UTF-8'],
  ])('refuses %s', (_case, bytes, message) => {
    const decoded = decodeTensors(bytes);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toContain(message);
  });

  it('refuses non-zero padding between header and payload', () => {
    const bytes = bundleWithHeader('[]');
    expect(bytes.length).toBe(12);
    const decoded = decodeTensors(withByte(bytes, 11, 1));
    expect(decoded).toEqual({ ok: false, error: 'decodeTensors: expected zero padding after the header' });
    expect(decodeTensors(bytes)).toEqual({ ok: true, value: [] });
  });
});
