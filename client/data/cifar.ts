// CIFAR-10/100 binary batches: fixed-size records of label byte(s) then a 32x32 image stored
// channel-major (all red, all green, all blue); the engine wants pixels interleaved (HWC).
import type { ParsedSet } from './batch.ts';

const SIDE = 32;
const PLANE = SIDE * SIDE;
const IMAGE_BYTES = 3 * PLANE;

type Variant = 'cifar10' | 'cifar100';

// CIFAR-100 records carry the coarse (20-way) label before the fine one; we train on the fine labels.
const FORMATS: Record<Variant, { labelBytes: number; labelAt: number; classes: number }> = {
  cifar10: { labelBytes: 1, labelAt: 0, classes: 10 },
  cifar100: { labelBytes: 2, labelAt: 1, classes: 100 },
};

export function parseCifar(bytes: Uint8Array, variant: Variant): ParsedSet {
  const { labelBytes, labelAt, classes } = FORMATS[variant];
  const record = labelBytes + IMAGE_BYTES;
  if (bytes.length === 0 || bytes.length % record !== 0) {
    return { ok: false, error: `parseCifar: ${variant} file length must be a positive multiple of the ${record}-byte record, got ${bytes.length}` };
  }
  const count = bytes.length / record;
  const images = new Uint8Array(count * IMAGE_BYTES);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const start = n * record;
    const label = bytes[start + labelAt]!;
    if (label >= classes) return { ok: false, error: `parseCifar: label ${label} of record ${n} out of range 0..${classes - 1}` };
    labels[n] = label;
    const chw = start + labelBytes;
    const hwc = n * IMAGE_BYTES;
    for (let pixel = 0; pixel < PLANE; pixel++) {
      images[hwc + pixel * 3] = bytes[chw + pixel]!;
      images[hwc + pixel * 3 + 1] = bytes[chw + PLANE + pixel]!;
      images[hwc + pixel * 3 + 2] = bytes[chw + 2 * PLANE + pixel]!;
    }
  }
  return { ok: true, value: { input: { height: SIDE, width: SIDE, channels: 3 }, count, images, labels } };
}
