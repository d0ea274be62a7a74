import { describe, expect, it } from 'vitest';
import { parseCifar } from './cifar.ts';
import { cifarRecords } from './test-fixtures.ts';

// Distinct values per channel make a CHW/HWC mix-up visible.
const image = (seed: number) => Uint8Array.from({ length: 3072 }, (_, i) => (i * 7 + seed) % 256);

describe('parseCifar', () => {
  it('reads CIFAR-10 records and turns channel-major pixels into HWC', () => {
    const parsed = parseCifar(cifarRecords([image(1), image(2)], [[3], [9]]), 'cifar10');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.input).toEqual({ height: 32, width: 32, channels: 3 });
    expect([...parsed.value.labels]).toEqual([3, 9]);
    expect([...parsed.value.images.subarray(0, 3072)]).toEqual([...image(1)]);
    expect([...parsed.value.images.subarray(3072)]).toEqual([...image(2)]);
  });

  it('places the first bytes of the red, green and blue planes in the first pixel', () => {
    const record = new Uint8Array(3073);
    record[1] = 10;
    record[1 + 1024] = 20;
    record[1 + 2048] = 30;
    const parsed = parseCifar(record, 'cifar10');
    expect(parsed.ok && [...parsed.value.images.subarray(0, 4)]).toEqual([10, 20, 30, 0]);
  });

  it('uses the fine label of CIFAR-100, which follows the coarse one', () => {
    const parsed = parseCifar(cifarRecords([image(0), image(5)], [[4, 72], [19, 99]]), 'cifar100');
    expect(parsed.ok && [...parsed.value.labels]).toEqual([72, 99]);
  });

  it('refuses a length that is not a whole number of records', () => {
    const bytes = cifarRecords([image(0)], [[1]]);
    expect(parseCifar(bytes.subarray(1), 'cifar10')).toEqual({
      ok: false, error: 'parseCifar: cifar10 file length must be a positive multiple of the 3073-byte record, got 3072',
    });
    expect(parseCifar(bytes, 'cifar100').ok).toBe(false);
  });

  it('refuses a label out of range', () => {
    expect(parseCifar(cifarRecords([image(0), image(0)], [[0], [10]]), 'cifar10')).toEqual({
      ok: false, error: 'parseCifar: label 10 of record 1 out of range 0..9',
    });
    expect(parseCifar(cifarRecords([image(0)], [[0, 100]]), 'cifar100').ok).toBe(false);
  });
});
