// Charts as SVG files, rendered without a browser (Vega-Lite specs, Vega's SVG renderer), and as
// PNG drawn by Chromium (render-png.ts, Node only, imported by path).
export { lineChart, type LineChartOptions, type LinePoint } from './line-chart.ts';
export { renderSvg, type ChartSpec } from './render-svg.ts';
export { scatterChart, type ScatterChartOptions, type ScatterPoint } from './scatter-chart.ts';
