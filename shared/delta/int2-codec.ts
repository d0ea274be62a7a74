// Blockwise 2-bit: coordinates in blocks of INT2_BLOCK, each block one float32 scale (max |x|)
// and a 2-bit code c per coordinate for x ~ (2c - 3) / 3 * scale, the levels -1, -1/3, 1/3, 1.
// Too coarse alone (error up to scale / 3); meant to be sent with error feedback.
import type { EncodingCodec } from './encoding-codec.ts';
import { viewOf } from './encoding-codec.ts';

/** Coordinates per scale: 128 costs 0.25 bit per coordinate on top of the 2. */
export const INT2_BLOCK = 128;

const blocks = (length: number): number => Math.ceil(length / INT2_BLOCK);
const codeBytes = (length: number): number => Math.ceil(length / 4);
/** (2c - 3) / 3 for the codes 0..3, computed once so encoder tests and decoder agree. */
const LEVELS = [-1, -1 / 3, 1 / 3, 1];

export const int2Codec: EncodingCodec = {
  bytes: (length) => 4 * blocks(length) + codeBytes(length),
  encode(flat) {
    const count = blocks(flat.length);
    const bytes = new Uint8Array(4 * count + codeBytes(flat.length));
    const view = viewOf(bytes);
    const codes = bytes.subarray(4 * count);
    for (let b = 0; b < count; b++) {
      const start = b * INT2_BLOCK;
      const end = Math.min(start + INT2_BLOCK, flat.length);
      // NaN propagates into the scale (Math.max keeps it), so a non-finite delta cannot pass.
      let max = 0;
      for (let j = start; j < end; j++) max = Math.max(max, Math.abs(flat[j]!));
      const scale = Math.fround(max);
      view.setFloat32(4 * b, scale, true);
      if (!(scale > 0) || !Number.isFinite(scale)) continue;
      for (let j = start; j < end; j++) {
        // Nearest level: (t + 1) * 1.5 puts the levels at 0, 1, 2, 3.
        const code = Math.max(0, Math.min(3, Math.round((flat[j]! / scale + 1) * 1.5)));
        codes[j >>> 2] = codes[j >>> 2]! | (code << (2 * (j & 3)));
      }
    }
    return bytes;
  },
  decodeRange(bytes, length, start, end, out) {
    const view = viewOf(bytes);
    const count = blocks(length);
    const codes = bytes.subarray(4 * count);
    let j = start;
    while (j < end) {
      const b = Math.floor(j / INT2_BLOCK);
      const scale = view.getFloat32(4 * b, true);
      const blockEnd = Math.min((b + 1) * INT2_BLOCK, end);
      for (; j < blockEnd; j++) out[j - start] = LEVELS[(codes[j >>> 2]! >>> (2 * (j & 3))) & 3]! * scale;
    }
  },
  problem(bytes, length) {
    const view = viewOf(bytes);
    const count = blocks(length);
    for (let b = 0; b < count; b++) {
      const scale = view.getFloat32(4 * b, true);
      if (!(scale >= 0) || !Number.isFinite(scale)) return `int2 block ${b} has scale ${scale}; a scale must be finite and at least 0`;
    }
    const used = length % 4;
    if (used !== 0 && bytes[bytes.length - 1]! >>> (2 * used) !== 0) {
      return `int2 padding bits after coordinate ${length - 1} are ${bytes[bytes.length - 1]! >>> (2 * used)}; they must be 0`;
    }
    return null;
  },
};
