// The element-wise encodings: f32 (the values as they are) and f16 (IEEE half, 2 bytes each),
// both little-endian, one value per coordinate, no header.
import type { EncodingCodec } from './encoding-codec.ts';
import { viewOf } from './encoding-codec.ts';
import { halfFromFloat32, halfToFloat32Table } from './half-float.ts';

export const f32Codec: EncodingCodec = {
  bytes: (length) => 4 * length,
  encode(flat) {
    const bytes = new Uint8Array(4 * flat.length);
    const view = viewOf(bytes);
    for (let j = 0; j < flat.length; j++) view.setFloat32(4 * j, flat[j]!, true);
    return bytes;
  },
  decodeRange(bytes, _length, start, end, out) {
    const view = viewOf(bytes);
    for (let j = start; j < end; j++) out[j - start] = view.getFloat32(4 * j, true);
  },
  problem: () => null,
};

export const f16Codec: EncodingCodec = {
  bytes: (length) => 2 * length,
  encode(flat) {
    const bytes = new Uint8Array(2 * flat.length);
    const view = viewOf(bytes);
    const bits = new Uint32Array(flat.buffer, flat.byteOffset, flat.length);
    for (let j = 0; j < flat.length; j++) view.setUint16(2 * j, halfFromFloat32(flat[j]!, bits[j]!), true);
    return bytes;
  },
  decodeRange(bytes, _length, start, end, out) {
    const view = viewOf(bytes);
    const table = halfToFloat32Table();
    for (let j = start; j < end; j++) out[j - start] = table[view.getUint16(2 * j, true)]!;
  },
  problem: () => null,
};
