// A report's delta on the wire and in storage: consecutive chunks of DELTA_CHUNK coordinates,
// each encoded on its own (codec.ts), so the coordinator can store a report chunk by chunk and a
// robust rule can read one chunk of every stored report without the rest. DELTA_CHUNK is a
// multiple of every block size, so a chunk's blocks are the blocks of the whole delta.
import { fail, ok, type Result } from '../result/result.ts';
import { decodeDelta, encodeDelta, encodedDeltaBytes, type DeltaEncoding } from './codec.ts';

export const DELTA_CHUNK = 65536;

export const deltaChunks = (length: number): number => Math.ceil(length / DELTA_CHUNK);

/** Coordinates [start, end) of chunk `chunk`. */
export function chunkRange(length: number, chunk: number): { start: number; end: number } {
  const start = chunk * DELTA_CHUNK;
  return { start, end: Math.min(length, start + DELTA_CHUNK) };
}

/** Where each chunk's bytes lie in the encoded delta. */
export function chunkSpans(encoding: DeltaEncoding, length: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let offset = 0;
  for (let chunk = 0; chunk < deltaChunks(length); chunk++) {
    const { start, end } = chunkRange(length, chunk);
    const bytes = encodedDeltaBytes(encoding, end - start);
    spans.push({ start: offset, end: offset + bytes });
    offset += bytes;
  }
  return spans;
}

export const chunkedDeltaBytes = (encoding: DeltaEncoding, length: number): number => chunkSpans(encoding, length).at(-1)?.end ?? 0;

export function encodeChunkedDelta(flat: Float32Array, encoding: DeltaEncoding): Uint8Array {
  const spans = chunkSpans(encoding, flat.length);
  const out = new Uint8Array(spans.at(-1)?.end ?? 0);
  spans.forEach((span, chunk) => {
    const { start, end } = chunkRange(flat.length, chunk);
    out.set(encodeDelta(flat.subarray(start, end), encoding), span.start);
  });
  return out;
}

/** The whole delta, every chunk checked (byte length, scales, finite values), into `into` when given. */
export function decodeChunkedDelta(bytes: Uint8Array, encoding: DeltaEncoding, length: number, into?: Float32Array): Result<Float32Array> {
  const expected = chunkedDeltaBytes(encoding, length);
  if (bytes.length !== expected) return fail(`${encoding} delta of ${length} coordinates takes ${expected} bytes, got ${bytes.length}`);
  const flat = into ?? new Float32Array(length);
  const spans = chunkSpans(encoding, length);
  for (const [chunk, span] of spans.entries()) {
    const { start, end } = chunkRange(length, chunk);
    const decoded = decodeDelta(bytes.subarray(span.start, span.end), encoding, end - start, flat.subarray(start, end));
    if (!decoded.ok) return fail(`chunk ${chunk} (coordinates ${start}-${end}): ${decoded.error}`);
  }
  return ok(flat);
}

/** One chunk of a delta decodeChunkedDelta accepted, from that chunk's own bytes. */
export function decodeDeltaChunk(chunkBytes: Uint8Array, encoding: DeltaEncoding, length: number, chunk: number, into?: Float32Array): Float32Array {
  const { start, end } = chunkRange(length, chunk);
  const decoded = decodeDelta(chunkBytes, encoding, end - start, into?.subarray(0, end - start));
  if (!decoded.ok) throw new Error(`decodeDeltaChunk: a stored chunk no longer decodes: ${decoded.error}`);
  return decoded.value;
}
