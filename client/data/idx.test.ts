import { describe, expect, it } from 'vitest';
import { parseIdxImages, parseIdxLabels, parseIdxSet } from './idx.ts';
import { idxImages, idxLabels } from './test-fixtures.ts';

const pixels = Uint8Array.from({ length: 3 * 4 * 5 }, (_, i) => i);
const images = idxImages(3, 4, 5, pixels);
const labels = idxLabels([7, 0, 9]);

describe('parseIdxSet', () => {
  it('reads images row-major with one channel and pairs them with their labels', () => {
    const parsed = parseIdxSet(images, labels);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.input).toEqual({ height: 4, width: 5, channels: 1 });
    expect(parsed.value.count).toBe(3);
    expect([...parsed.value.images]).toEqual([...pixels]);
    expect([...parsed.value.labels]).toEqual([7, 0, 9]);
  });

  it('refuses a label file whose count differs from the image count', () => {
    expect(parseIdxSet(images, idxLabels([1, 2]))).toEqual({ ok: false, error: 'parseIdxSet: expected one label per image (3), got 2 labels' });
  });

  it('passes errors of either file through', () => {
    expect(parseIdxSet(labels, labels)).toMatchObject({ ok: false, error: expect.stringMatching(/^parseIdxImages: wrong magic/) });
    expect(parseIdxSet(images, images)).toMatchObject({ ok: false, error: expect.stringMatching(/^parseIdxLabels: wrong magic/) });
  });
});

describe('parseIdxImages and parseIdxLabels', () => {
  it('name the expected and found magic numbers', () => {
    expect(parseIdxImages(labels)).toEqual({ ok: false, error: 'parseIdxImages: wrong magic number, expected 0x00000803, got 0x00000801' });
    expect(parseIdxLabels(images)).toEqual({ ok: false, error: 'parseIdxLabels: wrong magic number, expected 0x00000801, got 0x00000803' });
  });

  it('report truncated data and a truncated header', () => {
    expect(parseIdxImages(images.subarray(0, images.length - 1))).toEqual({
      ok: false, error: 'parseIdxImages: truncated file, expected 60 data bytes after the header, got 59',
    });
    expect(parseIdxLabels(labels.subarray(0, 6))).toMatchObject({ ok: false, error: expect.stringMatching(/truncated header, expected 8 bytes, got 6/) });
  });

  it('refuse trailing bytes, which mean the header and data disagree', () => {
    const longer = new Uint8Array(labels.length + 1);
    longer.set(labels);
    expect(parseIdxLabels(longer)).toMatchObject({ ok: false, error: expect.stringMatching(/expected 3 data bytes after the header, got 4/) });
  });
});
