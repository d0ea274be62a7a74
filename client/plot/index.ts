// Charts as SVG files, rendered without a browser (Vega-Lite specs, Vega's SVG renderer).
export { lineChart, type LineChartOptions, type LinePoint } from './line-chart.ts';
export { renderSvg, type ChartSpec } from './render-svg.ts';
