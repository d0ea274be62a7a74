// The studies' chart shape: one point per run (x numeric, y numeric, colour by series), a line
// through each series' per-x means where asked, and vertical rules (e.g. budgets).
import { chartFrame, type SeriesPoint } from './chart-frame.ts';
import type { ChartSpec } from './render-svg.ts';

export type ScatterPoint = SeriesPoint;

export interface ScatterChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** Order of the series in the legend (and their colours). */
  seriesOrder?: string[];
  seriesTitle?: string;
  /** Series whose per-x means are joined by a line (a sweep); the others stay points. */
  lineSeries?: string[];
  /** Vertical rules with a label, e.g. each budget limit. */
  rules?: { x: number; label: string }[];
  xScale?: 'linear' | 'log';
  /** Whole-number ticks (depths, counts of sub-modules), with room at both ends. */
  xIntegers?: boolean;
  width?: number;
  height?: number;
}

export function scatterChart(points: ScatterPoint[], options: ScatterChartOptions): ChartSpec {
  // Series names are sentences ("found net from scratch"): the legend shows them whole.
  const color = { field: 'series', type: 'nominal' as const, title: options.seriesTitle ?? '', legend: { labelLimit: 400 }, ...(options.seriesOrder ? { sort: options.seriesOrder } : {}) };
  const x = {
    field: 'x', type: 'quantitative' as const, title: options.xTitle,
    scale: { type: options.xScale ?? 'linear', zero: false, ...(options.xIntegers ? { padding: 24 } : {}) },
    ...(options.xIntegers ? { axis: { tickMinStep: 1, format: 'd' } } : {}),
  };
  const y = { field: 'y', type: 'quantitative' as const, title: options.yTitle, scale: { zero: false } };
  const lineSeries = options.lineSeries ?? [];
  const layers: object[] = [
    { mark: { type: 'point', filled: true, size: 40, opacity: 0.8 }, encoding: { x, y, color } },
  ];
  if (lineSeries.length > 0) {
    layers.push({
      transform: [{ filter: { field: 'series', oneOf: lineSeries } }, { aggregate: [{ op: 'mean', field: 'y', as: 'y' }], groupby: ['series', 'x'] }],
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: { x, y, color },
    });
  }
  for (const rule of options.rules ?? []) {
    layers.push(
      { data: { values: [rule] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#888' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
      { data: { values: [rule] }, mark: { type: 'text', align: 'left', dx: 3, dy: -6, color: '#555', fontSize: 10 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
    );
  }
  return {
    ...chartFrame(options.title, points, options),
    layer: layers,
  } as ChartSpec;
}
