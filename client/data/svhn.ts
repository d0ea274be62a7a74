// SVHN format 2 (train_32x32.mat, test_32x32.mat): X is 32x32x3xN uint8 and y is Nx1, both
// column-major as MATLAB stores them; the digit 0 is labelled 10.
import type { ParsedSet } from './batch.ts';
import { readMat, type Inflate } from './mat-v5.ts';

const SIDE = 32;
const CHANNELS = 3;

export function parseSvhn(bytes: Uint8Array, inflate: Inflate): ParsedSet {
  const mat = readMat(bytes, inflate);
  if (!mat.ok) return mat;
  const x = mat.value.get('X');
  const y = mat.value.get('y');
  if (!x || !y) return { ok: false, error: `parseSvhn: expected numeric variables X and y, got ${[...mat.value.keys()].join(', ') || 'none'}` };
  const [height, width, channels, count = 1] = x.dims;
  if (height !== SIDE || width !== SIDE || channels !== CHANNELS || x.dims.length > 4) {
    return { ok: false, error: `parseSvhn: expected X of dims 32x32x3xN, got ${x.dims.join('x')}` };
  }
  if (y.data.length !== count) return { ok: false, error: `parseSvhn: expected one label per image (${count}), got ${y.data.length} labels` };
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const label = y.data[n]!;
    if (!Number.isInteger(label) || label < 1 || label > 10) {
      return { ok: false, error: `parseSvhn: label ${label} of image ${n} out of range 1..10` };
    }
    labels[n] = label % 10;
  }
  // Column-major X(row, col, channel, n) sits at row + 32 col + 1024 channel + 3072 n.
  const images = new Uint8Array(count * SIDE * SIDE * CHANNELS);
  let out = 0;
  for (let n = 0; n < count; n++) {
    for (let row = 0; row < SIDE; row++) {
      for (let col = 0; col < SIDE; col++) {
        const at = row + SIDE * col + SIDE * SIDE * CHANNELS * n;
        for (let channel = 0; channel < CHANNELS; channel++) images[out++] = x.data[at + SIDE * SIDE * channel]!;
      }
    }
  }
  return { ok: true, value: { input: { height: SIDE, width: SIDE, channels: CHANNELS }, count, images, labels } };
}
