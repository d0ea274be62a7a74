import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../../shared/random/generator.ts';
import { augmentImage } from './augment.ts';

const input = { height: 32, width: 32, channels: 3 };
// Channel 0 holds row + 1, channel 1 col + 1, channel 2 a constant: every pixel names its source.
const image = new Uint8Array(32 * 32 * 3);
for (let row = 0; row < 32; row++) {
  for (let col = 0; col < 32; col++) image.set([row + 1, col + 1, 200], (row * 32 + col) * 3);
}

function augment(seed: number): Uint8Array {
  const out = new Uint8Array(image.length);
  augmentImage(image, input, new RandomGenerator(seed), out);
  return out;
}

/** The one (top, left, flip) that explains every output pixel, or null if none does. */
function explain(out: Uint8Array): { top: number; left: number; flip: boolean } | null {
  for (const flip of [false, true]) {
    for (let top = -4; top <= 4; top++) {
      for (let left = -4; left <= 4; left++) {
        let fits = true;
        for (let row = 0; row < 32 && fits; row++) {
          for (let col = 0; col < 32 && fits; col++) {
            const sourceRow = row + top;
            const sourceCol = (flip ? 31 - col : col) + left;
            const inside = sourceRow >= 0 && sourceRow < 32 && sourceCol >= 0 && sourceCol < 32;
            const want = inside ? [sourceRow + 1, sourceCol + 1, 200] : [0, 0, 0];
            fits = want.every((value, c) => out[(row * 32 + col) * 3 + c] === value);
          }
        }
        if (fits) return { top, left, flip };
      }
    }
  }
  return null;
}

describe('augmentImage', () => {
  it('is a crop of the zero-padded image, mirrored or not, for every seed', () => {
    const seen = { flips: new Set<boolean>(), tops: new Set<number>(), lefts: new Set<number>() };
    for (let seed = 0; seed < 60; seed++) {
      const how = explain(augment(seed));
      expect(how, `seed ${seed}`).not.toBeNull();
      seen.flips.add(how!.flip);
      seen.tops.add(how!.top);
      seen.lefts.add(how!.left);
    }
    expect(seen.flips.size).toBe(2);
    expect([Math.min(...seen.tops), Math.max(...seen.tops)]).toEqual([-4, 4]);
    expect([Math.min(...seen.lefts), Math.max(...seen.lefts)]).toEqual([-4, 4]);
  });

  it('mirrors columns when it flips: an unshifted flip reverses each row', () => {
    const seed = Array.from({ length: 500 }, (_, s) => s).find((s) => {
      const how = explain(augment(s));
      return how?.flip && how.top === 0 && how.left === 0;
    });
    expect(seed).toBeDefined();
    const out = augment(seed!);
    expect([...out.subarray(0, 3)]).toEqual([1, 32, 200]);
    expect([...out.subarray(31 * 3, 32 * 3)]).toEqual([1, 1, 200]);
  });

  it('is deterministic per seed and differs across seeds', () => {
    expect(augment(7)).toEqual(augment(7));
    const distinct = new Set(Array.from({ length: 10 }, (_, s) => augment(s).join(',')));
    expect(distinct.size).toBeGreaterThan(5);
  });

  it('checks buffer sizes', () => {
    expect(() => augmentImage(image, input, new RandomGenerator(1), new Uint8Array(10))).toThrow(/expected image and out of 32x32x3 = 3072 bytes, got 3072 and 10/);
  });
});
