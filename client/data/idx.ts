// IDX files (MNIST, Fashion-MNIST): a big-endian header with a magic number and the sizes,
// then uint8 data. Images and labels come in separate files and are paired here.
import type { ParsedSet } from './batch.ts';

const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;

type Parsed<T> = ({ ok: true } & T) | { ok: false; error: string };

export function parseIdxImages(bytes: Uint8Array): Parsed<{ count: number; rows: number; cols: number; pixels: Uint8Array }> {
  const header = readHeader('parseIdxImages', bytes, IMAGES_MAGIC, 3);
  if (!header.ok) return header;
  const [count, rows, cols] = header.dims as [number, number, number];
  const data = sizedData('parseIdxImages', bytes, header.offset, count * rows * cols);
  if (!data.ok) return data;
  return { ok: true, count, rows, cols, pixels: data.bytes };
}

export function parseIdxLabels(bytes: Uint8Array): Parsed<{ labels: Uint8Array }> {
  const header = readHeader('parseIdxLabels', bytes, LABELS_MAGIC, 1);
  if (!header.ok) return header;
  const data = sizedData('parseIdxLabels', bytes, header.offset, header.dims[0]!);
  if (!data.ok) return data;
  return { ok: true, labels: data.bytes };
}

/** Pairs an image file with its label file. */
export function parseIdxSet(imageBytes: Uint8Array, labelBytes: Uint8Array): ParsedSet {
  const images = parseIdxImages(imageBytes);
  if (!images.ok) return images;
  const labels = parseIdxLabels(labelBytes);
  if (!labels.ok) return labels;
  if (labels.labels.length !== images.count) {
    return { ok: false, error: `parseIdxSet: expected one label per image (${images.count}), got ${labels.labels.length} labels` };
  }
  return {
    ok: true,
    set: { input: { height: images.rows, width: images.cols, channels: 1 }, count: images.count, images: images.pixels, labels: labels.labels },
  };
}

function readHeader(fn: string, bytes: Uint8Array, magic: number, rank: number): Parsed<{ dims: number[]; offset: number }> {
  const offset = 4 + 4 * rank;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = bytes.length >= 4 ? view.getUint32(0, false) : null;
  if (found !== null && found !== magic) return { ok: false, error: `${fn}: wrong magic number, expected ${hex(magic)}, got ${hex(found)}` };
  if (bytes.length < offset) return { ok: false, error: `${fn}: truncated header, expected ${offset} bytes, got ${bytes.length}` };
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  return { ok: true, dims, offset };
}

function sizedData(fn: string, bytes: Uint8Array, offset: number, size: number): Parsed<{ bytes: Uint8Array }> {
  const got = bytes.length - offset;
  if (got < size) return { ok: false, error: `${fn}: truncated file, expected ${size} data bytes after the header, got ${got}` };
  if (got > size) return { ok: false, error: `${fn}: expected ${size} data bytes after the header, got ${got} (trailing bytes)` };
  return { ok: true, bytes: bytes.subarray(offset) };
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
