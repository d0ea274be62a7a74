// One chart shape the reports share: a line per series over a numeric x axis, points marked.
import type { ChartSpec } from './render-svg.ts';

export interface LinePoint {
  series: string;
  x: number;
  y: number;
}

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
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: options.width ?? 640,
    height: options.height ?? 360,
    background: 'white',
    data: { values: points },
    mark: { type: 'line', point: { size: 18 }, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.xTitle },
      y: { field: 'y', type: 'quantitative', title: options.yTitle, scale: options.yDomain ? { domain: options.yDomain, clamp: true } : { zero: false } },
      color: { field: 'series', type: 'nominal', title: options.seriesTitle ?? '', ...(options.seriesOrder ? { sort: options.seriesOrder } : {}) },
    },
  };
}
