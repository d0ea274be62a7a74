// The tensor bundle: one self-describing byte string for a list of named tensors. Layout:
// magic "AGT1", u32 LE header length, UTF-8 JSON header [{name, shape}], zero padding to a
// multiple of 4, then every tensor's float32 values, little-endian, in header order.
import { tensorSize } from '../architecture/parameters.ts';
import type { Result } from '../result/index.ts';
import type { NamedTensor } from './types.ts';
import { decodeUtf8, encodeUtf8 } from './utf8.ts';

const MAGIC = [0x41, 0x47, 0x54, 0x31]; // "AGT1"
const PREFIX_BYTES = 8;

export type TensorsDecode = Result<NamedTensor[]>;

/** Arithmetic, not bit operations: a hostile u32 header length must not wrap around. */
const padTo4 = (n: number): number => Math.ceil(n / 4) * 4;

export function encodeTensors(tensors: NamedTensor[]): Uint8Array {
  const names = new Set<string>();
  for (const t of tensors) {
    if (names.has(t.name)) throw new Error(`encodeTensors: duplicate tensor name "${t.name}"`);
    names.add(t.name);
    if (t.data.length !== tensorSize(t.shape)) {
      throw new Error(`encodeTensors: "${t.name}" has shape [${t.shape}] (${tensorSize(t.shape)} values) but ${t.data.length} values`);
    }
  }
  const header = encodeUtf8(JSON.stringify(tensors.map((t) => ({ name: t.name, shape: t.shape }))));
  const payloadStart = padTo4(PREFIX_BYTES + header.length);
  const values = tensors.reduce((sum, t) => sum + t.data.length, 0);
  const bytes = new Uint8Array(payloadStart + values * 4);
  bytes.set(MAGIC, 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, header.length, true);
  bytes.set(header, PREFIX_BYTES);
  // DataView fixes the byte order whatever the host's; it costs a few ns per value.
  let offset = payloadStart;
  for (const t of tensors) {
    const data = t.data;
    for (let i = 0; i < data.length; i++, offset += 4) view.setFloat32(offset, data[i]!, true);
  }
  return bytes;
}

function parseHeader(text: string): Result<{ name: string; shape: number[] }[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: 'decodeTensors: expected a JSON header, got text that does not parse' };
  }
  if (!Array.isArray(parsed)) return { ok: false, error: 'decodeTensors: expected the header to be a JSON array of {name, shape}' };
  const entries: { name: string; shape: number[] }[] = [];
  const names = new Set<string>();
  for (const [index, entry] of parsed.entries()) {
    const { name, shape } = (entry ?? {}) as { name?: unknown; shape?: unknown };
    if (typeof name !== 'string' || !Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      return { ok: false, error: `decodeTensors: header entry ${index} should be {name: string, shape: non-negative integers}, got ${JSON.stringify(entry)}` };
    }
    if (names.has(name)) return { ok: false, error: `decodeTensors: header names "${name}" twice` };
    names.add(name);
    entries.push({ name, shape: shape as number[] });
  }
  return { ok: true, value: entries };
}

export function decodeTensors(bytes: Uint8Array): TensorsDecode {
  if (bytes.length < PREFIX_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    return { ok: false, error: `decodeTensors: expected the magic "AGT1" and a header length, got ${bytes.length} bytes starting ${Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ')}` };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = view.getUint32(4, true);
  const payloadStart = padTo4(PREFIX_BYTES + headerBytes);
  if (payloadStart > bytes.length) {
    return { ok: false, error: `decodeTensors: header of ${headerBytes} bytes does not fit in ${bytes.length} bytes` };
  }
  if (bytes.subarray(PREFIX_BYTES + headerBytes, payloadStart).some((b) => b !== 0)) {
    return { ok: false, error: 'decodeTensors: expected zero padding after the header' };
  }
  const text = decodeUtf8(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes));
  if (text === null) return { ok: false, error: 'decodeTensors: header is not valid UTF-8' };
  const header = parseHeader(text);
  if (!header.ok) return header;

  const values = header.value.reduce((sum, e) => sum + tensorSize(e.shape), 0);
  const payloadBytes = bytes.length - payloadStart;
  if (values * 4 !== payloadBytes) {
    return { ok: false, error: `decodeTensors: shapes in the header need ${values * 4} payload bytes, got ${payloadBytes}` };
  }
  let offset = payloadStart;
  const tensors = header.value.map(({ name, shape }) => {
    const data = new Float32Array(tensorSize(shape));
    for (let i = 0; i < data.length; i++, offset += 4) data[i] = view.getFloat32(offset, true);
    return { name, shape, data };
  });
  return { ok: true, value: tensors };
}
