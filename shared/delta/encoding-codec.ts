// What each wire encoding of a flat delta provides to codec.ts, which checks lengths, ranges and
// finiteness once for all of them.

export interface EncodingCodec {
  /** Byte length of `length` coordinates in this encoding. */
  bytes(length: number): number;
  encode(flat: Float32Array): Uint8Array;
  /** Coordinates [start, end) into `out` (end - start long); `bytes` has the right length. */
  decodeRange(bytes: Uint8Array, length: number, start: number, end: number, out: Float32Array): void;
  /** What is wrong with well-sized bytes before decoding (a bad scale, a value out of range), or null. */
  problem(bytes: Uint8Array, length: number): string | null;
}

/** A little-endian view of the bytes, wherever they sit in their buffer. */
export const viewOf = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
