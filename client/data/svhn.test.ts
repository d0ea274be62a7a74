import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readMat } from './mat-v5.ts';
import { parseSvhn } from './svhn.ts';
import { float64Bytes, matFile, type MatVariable } from './test-fixtures.ts';

const count = 3;
// HWC images whose pixel encodes (image, row, col, channel), so any index mix-up shows.
const hwc = Uint8Array.from({ length: count * 3072 }, (_, i) => (i * 31 + (i >> 10)) % 251);
const digits = [10, 1, 9];

/** X as MATLAB stores it: column-major 32x32x3xN, X(row, col, channel, n). */
function columnMajor(): Uint8Array {
  const x = new Uint8Array(count * 3072);
  for (let n = 0; n < count; n++) {
    for (let row = 0; row < 32; row++) {
      for (let col = 0; col < 32; col++) {
        for (let c = 0; c < 3; c++) x[row + 32 * col + 1024 * c + 3072 * n] = hwc[n * 3072 + (row * 32 + col) * 3 + c]!;
      }
    }
  }
  return x;
}

const X: MatVariable = { name: 'X', classId: 9, dims: [32, 32, 3, count], dataType: 2, data: columnMajor() };
// MATLAB stores integer-valued doubles in the smallest type that holds them; cover both forms.
const yDouble: MatVariable = { name: 'y', classId: 6, dims: [count, 1], dataType: 9, data: float64Bytes(digits) };
const yAsUint8: MatVariable = { ...yDouble, dataType: 2, data: Uint8Array.from(digits) };
const deflate = (bytes: Uint8Array) => deflateSync(bytes);

describe('parseSvhn', () => {
  it.each([
    ['uncompressed, y stored as doubles', matFile([X, yDouble])],
    ['zlib-compressed, y stored as uint8', matFile([X, yAsUint8], deflate)],
  ])('reads a %s file into HWC images with label 10 as digit 0', (_name, bytes) => {
    const parsed = parseSvhn(bytes, inflateSync);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.input).toEqual({ height: 32, width: 32, channels: 3 });
    expect([...parsed.value.labels]).toEqual([0, 1, 9]);
    expect(Buffer.from(parsed.value.images).equals(Buffer.from(hwc))).toBe(true);
  });

  it('refuses labels outside 1..10 and a count mismatch', () => {
    const bad = { ...yDouble, data: float64Bytes([1, 11, 2]) };
    expect(parseSvhn(matFile([X, bad]), inflateSync)).toEqual({ ok: false, error: 'parseSvhn: label 11 of image 1 out of range 1..10' });
    const short = { ...yDouble, dims: [2, 1], data: float64Bytes([1, 2]) };
    expect(parseSvhn(matFile([X, short]), inflateSync)).toEqual({ ok: false, error: 'parseSvhn: expected one label per image (3), got 2 labels' });
  });

  it('names the variables it found when X or y is missing', () => {
    expect(parseSvhn(matFile([yDouble]), inflateSync)).toEqual({ ok: false, error: 'parseSvhn: expected numeric variables X and y, got y' });
  });
});

describe('readMat', () => {
  it('refuses a file without the MAT v5 endian indicator', () => {
    const bytes = matFile([yDouble]);
    bytes[126] = 0x41;
    expect(readMat(bytes, inflateSync)).toMatchObject({ ok: false, error: expect.stringMatching(/^readMat: not a MATLAB v5 file/) });
  });

  it('reports truncation of a plain and of a compressed file', () => {
    const plain = matFile([X, yDouble]);
    expect(readMat(plain.subarray(0, 2000), inflateSync)).toMatchObject({ ok: false, error: expect.stringMatching(/^readMat: truncated file/) });
    const compressed = matFile([X], deflate);
    const cut = compressed.slice(0, compressed.length - 10);
    expect(readMat(cut, inflateSync)).toMatchObject({ ok: false, error: expect.stringMatching(/^readMat: truncated file/) });
    expect(readMat(plain.subarray(0, 100), inflateSync)).toMatchObject({ ok: false, error: expect.stringMatching(/expected a 128-byte header, got 100/) });
  });

  it('reports a damaged compressed stream', () => {
    const compressed = matFile([X], deflate);
    compressed.fill(0xff, 140, 160);
    expect(readMat(compressed, inflateSync)).toMatchObject({ ok: false, error: expect.stringMatching(/^readMat: cannot inflate/) });
  });

  it('finds the next variable after an element padded to 8 bytes', () => {
    const odd: MatVariable = { name: 'digits', classId: 9, dims: [1, 5], dataType: 2, data: Uint8Array.from([1, 2, 3, 4, 5]) };
    const read = readMat(matFile([odd, yDouble]), inflateSync);
    expect(read.ok && [...read.value.keys()]).toEqual(['digits', 'y']);
    expect(read.ok && read.value.get('digits')).toEqual({ dims: [1, 5], data: Uint8Array.from([1, 2, 3, 4, 5]) });
  });

  it('keeps dims and column-major data as stored', () => {
    const read = readMat(matFile([yDouble]), inflateSync);
    expect(read.ok && read.value.get('y')).toEqual({ dims: [3, 1], data: Float64Array.from(digits) });
  });
});
