// A minimal reader of MATLAB v5/v7 .mat files (the SVHN format): numeric arrays only. Compressed
// elements are inflated by an injected function so this file stays free of Node and DOM APIs.
import type { Result } from '../../shared/result/index.ts';

/** zlib inflate (RFC 1950); Node passes zlib.inflateSync. */
export type Inflate = (bytes: Uint8Array) => Uint8Array;

export type MatData = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** A numeric array; data is column-major (first dimension fastest), in its stored type. */
export interface MatArray {
  dims: number[];
  data: MatData;
}

const HEADER_BYTES = 128;
const MI_INT8 = 1, MI_UINT8 = 2, MI_INT32 = 5, MI_UINT32 = 6, MI_MATRIX = 14, MI_COMPRESSED = 15;
// mxDOUBLE_CLASS .. mxUINT64_CLASS; cell, struct, object, char and sparse arrays are skipped.
const NUMERIC_CLASSES = new Set([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
const COMPLEX_FLAG = 0x0800;

/** Every numeric variable of the file, by name. */
export function readMat(bytes: Uint8Array, inflate: Inflate): Result<Map<string, MatArray>> {
  if (bytes.length < HEADER_BYTES) return { ok: false, error: `readMat: truncated file, expected a ${HEADER_BYTES}-byte header, got ${bytes.length} bytes` };
  const indicator = String.fromCharCode(bytes[126]!, bytes[127]!);
  if (indicator !== 'IM' && indicator !== 'MI') {
    return { ok: false, error: `readMat: not a MATLAB v5 file, expected endian indicator "IM" or "MI" at byte 126, got ${JSON.stringify(indicator)}` };
  }
  const variables = new Map<string, MatArray>();
  const read = readElements(bytes.subarray(HEADER_BYTES), indicator === 'IM', inflate, variables);
  return read.ok ? { ok: true, value: variables } : read;
}

function readElements(bytes: Uint8Array, little: boolean, inflate: Inflate, into: Map<string, MatArray>): Result<null> {
  for (let offset = 0; offset < bytes.length;) {
    const element = readElement(bytes, offset, little);
    if (!element.ok) return element;
    const { type, data, next } = element.value;
    offset = next;
    if (type === MI_COMPRESSED) {
      let inflated: Uint8Array;
      try {
        inflated = inflate(data);
      } catch (error) {
        return { ok: false, error: `readMat: cannot inflate a compressed element: ${(error as Error).message}` };
      }
      const inner = readElements(inflated, little, inflate, into);
      if (!inner.ok) return inner;
    } else if (type === MI_MATRIX && data.length > 0) {
      const matrix = readMatrix(data, little);
      if (!matrix.ok) return matrix;
      if (matrix.value.array) into.set(matrix.value.name, matrix.value.array);
    }
  }
  return { ok: true, value: null };
}

/** A miMATRIX body: array flags, dimensions, name, real part (an imaginary part is ignored). */
function readMatrix(bytes: Uint8Array, little: boolean): Result<{ name: string; array: MatArray | null }> {
  const parts: { type: number; data: Uint8Array }[] = [];
  for (let offset = 0; offset < bytes.length && parts.length < 4;) {
    const part = readElement(bytes, offset, little);
    if (!part.ok) return part;
    parts.push(part.value);
    offset = part.value.next;
  }
  const [flags, dims, name, real] = parts;
  if (!flags || flags.type !== MI_UINT32 || flags.data.length < 8 || !dims || dims.type !== MI_INT32 || !name || name.type !== MI_INT8) {
    return { ok: false, error: 'readMat: malformed miMATRIX, expected array flags, dimensions and name sub-elements' };
  }
  const flagWord = view(flags.data).getUint32(0, little);
  const arrayName = String.fromCharCode(...name.data);
  if (!NUMERIC_CLASSES.has(flagWord & 0xff) || (flagWord & COMPLEX_FLAG) !== 0) return { ok: true, value: { name: arrayName, array: null } };
  const shape = Array.from(toTyped(MI_INT32, dims.data, little) ?? []);
  const data = real && toTyped(real.type, real.data, little);
  if (!data) return { ok: false, error: `readMat: variable ${arrayName} has no numeric data element (type ${real?.type ?? 'missing'})` };
  const size = shape.reduce((product, dim) => product * dim, 1);
  if (data.length !== size) return { ok: false, error: `readMat: variable ${arrayName} of dims ${shape.join('x')} expects ${size} values, got ${data.length}` };
  return { ok: true, value: { name: arrayName, array: { dims: shape, data } } };
}

function readElement(bytes: Uint8Array, offset: number, little: boolean): Result<{ type: number; data: Uint8Array; next: number }> {
  if (offset + 8 > bytes.length) return { ok: false, error: `readMat: truncated file, expected an 8-byte element tag at ${offset}, got ${bytes.length - offset} bytes` };
  const tag = view(bytes);
  const first = tag.getUint32(offset, little);
  // Small data element: size in the upper half of the first word, up to 4 data bytes in the second.
  if (first >>> 16 !== 0) {
    return { ok: true, value: { type: first & 0xffff, data: bytes.subarray(offset + 4, offset + 4 + (first >>> 16)), next: offset + 8 } };
  }
  const size = tag.getUint32(offset + 4, little);
  const start = offset + 8;
  if (start + size > bytes.length) {
    return { ok: false, error: `readMat: truncated file, element of type ${first} expects ${size} bytes at ${start}, got ${bytes.length - start}` };
  }
  // Elements are padded to 8 bytes, except compressed ones.
  const next = first === MI_COMPRESSED ? start + size : start + Math.ceil(size / 8) * 8;
  return { ok: true, value: { type: first, data: bytes.subarray(start, start + size), next: Math.min(next, bytes.length) } };
}

const NUMERIC_TYPES: Record<number, { size: number; make: (n: number) => MatData; get: (v: DataView, at: number, little: boolean) => number }> = {
  3: { size: 2, make: (n) => new Int16Array(n), get: (v, at, little) => v.getInt16(at, little) },
  4: { size: 2, make: (n) => new Uint16Array(n), get: (v, at, little) => v.getUint16(at, little) },
  5: { size: 4, make: (n) => new Int32Array(n), get: (v, at, little) => v.getInt32(at, little) },
  6: { size: 4, make: (n) => new Uint32Array(n), get: (v, at, little) => v.getUint32(at, little) },
  7: { size: 4, make: (n) => new Float32Array(n), get: (v, at, little) => v.getFloat32(at, little) },
  9: { size: 8, make: (n) => new Float64Array(n), get: (v, at, little) => v.getFloat64(at, little) },
  12: { size: 8, make: (n) => new Float64Array(n), get: (v, at, little) => Number(v.getBigInt64(at, little)) },
  13: { size: 8, make: (n) => new Float64Array(n), get: (v, at, little) => Number(v.getBigUint64(at, little)) },
};

function toTyped(type: number, data: Uint8Array, little: boolean): MatData | null {
  if (type === MI_UINT8) return data;
  if (type === MI_INT8) return new Int8Array(data.buffer, data.byteOffset, data.length);
  const kind = NUMERIC_TYPES[type];
  if (!kind) return null;
  const out = kind.make(Math.floor(data.length / kind.size));
  const source = view(data);
  for (let i = 0; i < out.length; i++) out[i] = kind.get(source, i * kind.size, little);
  return out;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
