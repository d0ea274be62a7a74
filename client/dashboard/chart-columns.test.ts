import { describe, expect, it } from 'vitest';
import { chartColumns, pointCounts } from './chart-columns.ts';
import { runCharts } from './chart-specs.ts';
import { runSeries } from './chart-series.ts';
import { finishedRun } from './test-progress.ts';

describe('chartColumns', () => {
  it('puts every series on the union of their x values, null where a series has no point', () => {
    const columns = chartColumns([
      { points: [{ x: 0, y: 1 }, { x: 3, y: 2 }] },
      { points: [{ x: 0, y: 1 }, { x: 1, y: 2 }, { x: 3, y: 3 }] },
    ]);
    expect(columns).toEqual({ xs: [0, 1, 3], ys: [[1, null, 2], [1, 2, 3]] });
    expect(pointCounts(columns)).toEqual([2, 3]);
  });

  it('keeps an empty series empty, so an empty chart has axes and nothing else', () => {
    const columns = chartColumns([{ points: [] }]);
    expect(columns).toEqual({ xs: [], ys: [[]] });
    expect(pointCounts(columns)).toEqual([0]);
  });

  it('keeps every step of every stage of the recorded run, in x order', () => {
    const depth = runCharts(runSeries(finishedRun())).depth;
    const columns = chartColumns(depth.series);
    expect(pointCounts(columns)).toEqual(depth.series.map((s) => s.points.length));
    depth.series.forEach((s, i) => {
      const plotted = columns.xs.flatMap((x, k) => (columns.ys[i]![k] === null ? [] : [{ x, y: columns.ys[i]![k] }]));
      expect(plotted).toEqual(s.points);
    });
  });
});
