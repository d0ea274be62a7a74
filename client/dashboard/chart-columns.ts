// A chart's series as uPlot's aligned columns: one x column, the union of every series' x values,
// and per series its y at its own points and null elsewhere (the lines span those gaps). Pure.
import type { Point } from './chart-series.ts';

export interface ChartColumns {
  xs: number[];
  ys: (number | null)[][];
}

export function chartColumns(series: { points: Point[] }[]): ChartColumns {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const column = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map(({ points }) => {
    const values = new Array<number | null>(xs.length).fill(null);
    for (const p of points) values[column.get(p.x)!] = p.y;
    return values;
  });
  return { xs, ys };
}

/** The points each series has in the columns: what uPlot plots, so what the page reports. */
export function pointCounts({ ys }: ChartColumns): number[] {
  return ys.map((values) => values.filter((v) => v !== null).length);
}
