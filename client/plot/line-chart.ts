// One chart shape the reports share: a line per series over a numeric x axis, points marked.
import { chartFrame, type SeriesPoint } from './chart-frame.ts';
import type { ChartSpec } from './render-svg.ts';

export type LinePoint = SeriesPoint;

export interface LineChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** Order of the series in the legend (and their colours). */
  seriesOrder?: string[];
  seriesTitle?: string;
  yDomain?: [number, number];
  width?: number;
  height?: number;
}

export function lineChart(points: LinePoint[], options: LineChartOptions): ChartSpec {
  return {
    ...chartFrame(options.title, points, options),
    mark: { type: 'line', point: { size: 18 }, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.xTitle },
      y: { field: 'y', type: 'quantitative', title: options.yTitle, scale: options.yDomain ? { domain: options.yDomain, clamp: true } : { zero: false } },
      color: { field: 'series', type: 'nominal', title: options.seriesTitle ?? '', ...(options.seriesOrder ? { sort: options.seriesOrder } : {}) },
    },
  };
}
