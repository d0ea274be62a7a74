import { describe, expect, it } from 'vitest';
import { FleetConfigSchema } from '../config/run-config.ts';
import { leavesRoundableTail, roundTasks } from './round-size.ts';

const fleet = (patch: object) => FleetConfigSchema.parse(patch);

describe('round size', () => {
  it('gives a round one task per volunteer at work, up to roundSize and the shards left', () => {
    const mean = fleet({ roundSize: 8 });
    expect(roundTasks(18, 0, mean)).toBe(1);
    expect(roundTasks(18, 5, mean)).toBe(5);
    expect(roundTasks(18, 40, mean)).toBe(8);
    expect(roundTasks(3, 40, mean)).toBe(3);
    expect(roundTasks(5, 2, fleet({ roundSize: 8, shardsPerTask: 2 }))).toBe(2);
  });

  it('never opens a round below the rule\'s minimum, and folds a tail too short for a round into the round before', () => {
    const median = fleet({ roundSize: 5, aggregation: 'median' });
    expect(roundTasks(27, 1, median)).toBe(3);
    expect(roundTasks(27, 5, median)).toBe(5);
    // 7 shards, 5 volunteers: a round of 5 would leave 2, fewer than the median's 3.
    expect(roundTasks(7, 5, median)).toBe(7);
    expect(roundTasks(8, 5, median)).toBe(5);
    expect(leavesRoundableTail(5, median)).toBe(true);
    expect(leavesRoundableTail(3, median)).toBe(false);
    expect(leavesRoundableTail(1, median)).toBe(true);
  });
});
