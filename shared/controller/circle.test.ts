import { describe, expect, it } from 'vitest';
import { initialCircle, nextGroupStage, stagesToGrow } from './circle.ts';

describe('initialCircle', () => {
  it('holds every stage below its max depth, in stage order', () => {
    expect(initialCircle([1, 1, 1], [200, 200, 200])).toEqual([0, 1, 2]);
    expect(initialCircle([3, 1, 2, 4], [3, 5, 2, 6])).toEqual([1, 3]);
  });
});

describe('nextGroupStage', () => {
  it('takes the cursor stage when it is still in the circle', () => {
    expect(nextGroupStage([0, 1, 2], 1, 3)).toBe(1);
  });

  it('skips stages that left the circle and wraps around', () => {
    expect(nextGroupStage([0, 2], 1, 3)).toBe(2);
    expect(nextGroupStage([0, 1], 2, 3)).toBe(0);
    expect(nextGroupStage([1], 2, 4)).toBe(1);
  });

  it('finds nothing in an empty circle', () => {
    expect(nextGroupStage([], 0, 3)).toBeUndefined();
  });
});

describe('stagesToGrow', () => {
  it("grows one stage in 'group' mode and every stage of the circle in 'all' mode", () => {
    expect(stagesToGrow([0, 2, 3], 1, 4, 'group')).toEqual([2]);
    expect(stagesToGrow([0, 2, 3], 1, 4, 'all')).toEqual([0, 2, 3]);
    expect(stagesToGrow([], 1, 4, 'group')).toEqual([]);
  });
});
