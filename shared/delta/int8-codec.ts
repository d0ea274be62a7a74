// Blockwise int8: coordinates in blocks of INT8_BLOCK, each block one float32 scale
// (max |x| / 127) and one signed byte per coordinate, x ~ q * scale with q in [-127, 127].
import type { EncodingCodec } from './encoding-codec.ts';
import { viewOf } from './encoding-codec.ts';

/** Coordinates per scale: 256 costs 4 bytes per 256 (1.6%) and keeps one outlier's reach short. */
export const INT8_BLOCK = 256;
const LEVELS = 127;

const blocks = (length: number): number => Math.ceil(length / INT8_BLOCK);

/** Round to nearest, ties away from zero, so x and -x encode alike. */
const roundSymmetric = (x: number): number => (x >= 0 ? Math.round(x) : -Math.round(-x));

export const int8Codec: EncodingCodec = {
  bytes: (length) => 4 * blocks(length) + length,
  encode(flat) {
    const count = blocks(flat.length);
    const bytes = new Uint8Array(4 * count + flat.length);
    const view = viewOf(bytes);
    const values = new Int8Array(bytes.buffer, 4 * count, flat.length);
    for (let b = 0; b < count; b++) {
      const start = b * INT8_BLOCK;
      const end = Math.min(start + INT8_BLOCK, flat.length);
      // NaN propagates into the scale (Math.max keeps it), so a non-finite delta cannot pass.
      let max = 0;
      for (let j = start; j < end; j++) max = Math.max(max, Math.abs(flat[j]!));
      const scale = Math.fround(max / LEVELS);
      view.setFloat32(4 * b, scale, true);
      if (!(scale > 0) || !Number.isFinite(scale)) continue;
      // Quantize against the stored float32 scale, the one the decoder multiplies by. The clamp
      // matters only for subnormal scales, whose rounding can undershoot max / 127.
      for (let j = start; j < end; j++) values[j] = Math.max(-LEVELS, Math.min(LEVELS, roundSymmetric(flat[j]! / scale)));
    }
    return bytes;
  },
  decodeRange(bytes, length, start, end, out) {
    const view = viewOf(bytes);
    const count = blocks(length);
    const values = new Int8Array(bytes.buffer, bytes.byteOffset + 4 * count, length);
    let j = start;
    while (j < end) {
      const b = Math.floor(j / INT8_BLOCK);
      const scale = view.getFloat32(4 * b, true);
      const blockEnd = Math.min((b + 1) * INT8_BLOCK, end);
      for (; j < blockEnd; j++) out[j - start] = values[j]! * scale;
    }
  },
  problem(bytes, length) {
    const view = viewOf(bytes);
    const count = blocks(length);
    for (let b = 0; b < count; b++) {
      const scale = view.getFloat32(4 * b, true);
      // 127 * scale must stay a finite float32, or a decoded value could overflow.
      if (!(scale >= 0) || !Number.isFinite(Math.fround(LEVELS * scale))) {
        return `int8 block ${b} has scale ${scale}; a scale must be finite, at least 0 and small enough that 127 x scale is a finite float32`;
      }
    }
    const values = new Int8Array(bytes.buffer, bytes.byteOffset + 4 * count, length);
    for (let j = 0; j < length; j++) {
      if (values[j] === -128) return `int8 coordinate ${j} holds -128; values must lie in [-127, 127]`;
    }
    return null;
  },
};
