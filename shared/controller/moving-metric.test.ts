import { describe, expect, it } from 'vitest';
import { nextMetricValue, type GrowthMetric } from './moving-metric.ts';

const series = (valAccs: number[], metric: GrowthMetric): number[] =>
  valAccs.reduce<number[]>((best, valAcc) => [...best, nextMetricValue(best, valAcc, metric)], []);

describe('nextMetricValue', () => {
  it("'max' starts at the first accuracy and keeps the best so far", () => {
    expect(series([40, 55, 50, 55, 61, 20], 'max')).toEqual([40, 55, 55, 55, 61, 61]);
  });

  it("'max' starts from the first value, not from 0 as the average does", () => {
    expect(series([-1, -3], 'max')).toEqual([-1, -1]);
  });

  it("'ema' is the official average: decay 0.95 from 0, no bias correction", () => {
    const [first, second, third] = series([80, 80, 40], 'ema');
    expect(first).toBeCloseTo(4, 12);
    expect(second).toBeCloseTo(0.95 * 4 + 0.05 * 80, 12);
    expect(third).toBeCloseTo(0.95 * (0.95 * 4 + 0.05 * 80) + 0.05 * 40, 12);
  });

  it("'ema' falls when accuracy falls, unlike 'max'", () => {
    const ema = series([...Array<number>(200).fill(90), 10], 'ema');
    expect(ema[200]!).toBeLessThan(ema[199]!);
  });
});
