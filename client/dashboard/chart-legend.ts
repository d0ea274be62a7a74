// A chart's legend, drawn by the page rather than uPlot: one item per series, its swatch in the
// series' color.
import type { SeriesSpec } from './chart-specs.ts';

export function renderLegend(list: HTMLElement, series: readonly SeriesSpec[]): void {
  list.replaceChildren(
    ...series.map(({ color, label }) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.borderColor = `var(${color})`;
      item.append(swatch, label);
      return item;
    }),
  );
}
