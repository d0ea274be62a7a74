// IDX files (MNIST, Fashion-MNIST): a big-endian header with a magic number and the sizes,
// then uint8 data. Images and labels come in separate files and are paired here.
import type { Result } from '../../shared/result/index.ts';
import type { ParsedSet } from './batch.ts';

const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;

export function parseIdxImages(bytes: Uint8Array): Result<{ count: number; rows: number; cols: number; pixels: Uint8Array }> {
  const header = readHeader('parseIdxImages', bytes, IMAGES_MAGIC, 3);
  if (!header.ok) return header;
  const [count, rows, cols] = header.value.dims as [number, number, number];
  const data = sizedData('parseIdxImages', bytes, header.value.offset, count * rows * cols);
  if (!data.ok) return data;
  return { ok: true, value: { count, rows, cols, pixels: data.value } };
}

export function parseIdxLabels(bytes: Uint8Array): Result<Uint8Array> {
  const header = readHeader('parseIdxLabels', bytes, LABELS_MAGIC, 1);
  if (!header.ok) return header;
  const data = sizedData('parseIdxLabels', bytes, header.value.offset, header.value.dims[0]!);
  if (!data.ok) return data;
  return { ok: true, value: data.value };
}

/** Pairs an image file with its label file. */
export function parseIdxSet(imageBytes: Uint8Array, labelBytes: Uint8Array): ParsedSet {
  const images = parseIdxImages(imageBytes);
  if (!images.ok) return images;
  const labels = parseIdxLabels(labelBytes);
  if (!labels.ok) return labels;
  const { count, rows, cols, pixels } = images.value;
  if (labels.value.length !== count) {
    return { ok: false, error: `parseIdxSet: expected one label per image (${count}), got ${labels.value.length} labels` };
  }
  return { ok: true, value: { input: { height: rows, width: cols, channels: 1 }, count, images: pixels, labels: labels.value } };
}

function readHeader(fn: string, bytes: Uint8Array, magic: number, rank: number): Result<{ dims: number[]; offset: number }> {
  const offset = 4 + 4 * rank;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = bytes.length >= 4 ? view.getUint32(0, false) : null;
  if (found !== null && found !== magic) return { ok: false, error: `${fn}: wrong magic number, expected ${hex(magic)}, got ${hex(found)}` };
  if (bytes.length < offset) return { ok: false, error: `${fn}: truncated header, expected ${offset} bytes, got ${bytes.length}` };
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  return { ok: true, value: { dims, offset } };
}

function sizedData(fn: string, bytes: Uint8Array, offset: number, size: number): Result<Uint8Array> {
  const got = bytes.length - offset;
  if (got < size) return { ok: false, error: `${fn}: truncated file, expected ${size} data bytes after the header, got ${got}` };
  if (got > size) return { ok: false, error: `${fn}: expected ${size} data bytes after the header, got ${got} (trailing bytes)` };
  return { ok: true, value: bytes.subarray(offset) };
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
