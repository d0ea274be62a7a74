// Wire encodings of a flat delta (see delta-layout.ts), chosen by the volunteer, checked by the
// coordinator. Byte layouts, all little-endian, no header (the report names encoding and layout):
//   f32:  4 bytes per coordinate, float32, exact.
//   f16:  2 bytes per coordinate, IEEE half, round to nearest even; relative error <= 2^-11 for
//         |x| in [2^-14, 65504], absolute <= 2^-25 below. The encoder does not clamp: |x| >= 65520
//         becomes infinity and decodeDelta refuses it, since a delta that large is a fault.
//   int8: ceil(n / 256) float32 block scales (max |x| / 127), then n signed bytes q in
//         [-127, 127]; x decodes as q * scale, within scale / 2 (normal scales).
//   int2: ceil(n / 128) float32 block scales (max |x|), then ceil(n / 4) bytes of 2-bit codes c,
//         coordinate j at bits 2 (j % 4) of byte j / 4, zero padding; x decodes as
//         (2c - 3) / 3 * scale, within scale / 3. Meant for use with error feedback.
import { fail, ok, type Result } from '../result/result.ts';
import type { EncodingCodec } from './encoding-codec.ts';
import { f16Codec, f32Codec } from './float-codecs.ts';
import { int2Codec } from './int2-codec.ts';
import { int8Codec } from './int8-codec.ts';

export const DELTA_ENCODINGS = ['f32', 'f16', 'int8', 'int2'] as const;
export type DeltaEncoding = (typeof DELTA_ENCODINGS)[number];

const CODECS: Record<DeltaEncoding, EncodingCodec> = { f32: f32Codec, f16: f16Codec, int8: int8Codec, int2: int2Codec };

function codecOf(encoding: DeltaEncoding, caller: string): EncodingCodec {
  if (!Object.hasOwn(CODECS, encoding)) throw new Error(`${caller}: unknown encoding "${encoding}", expected one of ${DELTA_ENCODINGS.join(', ')}`);
  return CODECS[encoding];
}

function checkLength(length: number, caller: string): void {
  if (!Number.isSafeInteger(length) || length < 0) throw new Error(`${caller}: length should be a non-negative integer, got ${length}`);
}

export function encodedDeltaBytes(encoding: DeltaEncoding, length: number): number {
  checkLength(length, 'encodedDeltaBytes');
  return codecOf(encoding, 'encodedDeltaBytes').bytes(length);
}

export function encodeDelta(flat: Float32Array, encoding: DeltaEncoding): Uint8Array {
  return codecOf(encoding, 'encodeDelta').encode(flat);
}

/**
 * The flat delta of `length` coordinates in `bytes`, or why the bytes are no such delta: another
 * byte length, an unknown encoding, a bad int8 scale or value, a coordinate that is not finite.
 * With `into` (length coordinates) it decodes there, so accepting reports makes no garbage; after
 * a refusal `into` holds anything.
 */
export function decodeDelta(bytes: Uint8Array, encoding: DeltaEncoding, length: number, into?: Float32Array): Result<Float32Array> {
  checkLength(length, 'decodeDelta');
  if (into && into.length !== length) throw new Error(`decodeDelta: into holds ${into.length} coordinates, the delta ${length}`);
  if (!Object.hasOwn(CODECS, encoding)) return fail(`decodeDelta: unknown encoding "${encoding}", expected one of ${DELTA_ENCODINGS.join(', ')}`);
  const codec = CODECS[encoding];
  const expected = codec.bytes(length);
  if (bytes.length !== expected) {
    return fail(`decodeDelta: ${encoding} of ${length} coordinates takes ${expected} bytes, got ${bytes.length}`);
  }
  const problem = codec.problem(bytes, length);
  if (problem !== null) return fail(`decodeDelta: ${problem}`);
  const flat = into ?? new Float32Array(length);
  codec.decodeRange(bytes, length, 0, length, flat);
  for (let j = 0; j < length; j++) {
    if (!Number.isFinite(flat[j])) {
      const overflow = encoding === 'f16' && Math.abs(flat[j]!) === Infinity ? ' (|x| >= 65520 overflows half precision)' : '';
      return fail(`decodeDelta: ${encoding} coordinate ${j} decodes to ${flat[j]}${overflow}; every coordinate must be finite`);
    }
  }
  return ok(flat);
}

/**
 * Coordinates [start, end) of a delta decodeDelta accepted, for rules that read stored reports
 * block by block; with `into` (at least end - start long) they land at its start and the view on
 * them is returned. A range outside [0, length] or bytes of another length are bugs and throw.
 */
export function decodeDeltaRange(bytes: Uint8Array, encoding: DeltaEncoding, length: number, start: number, end: number, into?: Float32Array): Float32Array {
  checkLength(length, 'decodeDeltaRange');
  const codec = codecOf(encoding, 'decodeDeltaRange');
  if (bytes.length !== codec.bytes(length)) throw new Error(`decodeDeltaRange: ${encoding} of ${length} coordinates takes ${codec.bytes(length)} bytes, got ${bytes.length}`);
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start <= end && end <= length)) {
    throw new Error(`decodeDeltaRange: range [${start}, ${end}) should lie within [0, ${length}]`);
  }
  if (into && into.length < end - start) throw new Error(`decodeDeltaRange: into holds ${into.length} coordinates, the range ${end - start}`);
  const out = into ? into.subarray(0, end - start) : new Float32Array(end - start);
  codec.decodeRange(bytes, length, start, end, out);
  return out;
}
