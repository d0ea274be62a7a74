// The run page's three charts and the depth chart's stage legend: mounted once, updated with
// every progress.
import type { RunCharts } from './chart-specs.ts';
import { mountChart } from './uplot-chart.ts';

export interface RunChartsHandle {
  update(charts: RunCharts): void;
}

export function mountRunCharts(root: ParentNode): RunChartsHandle {
  const host = (id: string): HTMLElement => {
    const node = root.querySelector<HTMLElement>(`#${id}`);
    if (!node) throw new Error(`mountRunCharts: the page has no #${id}`);
    return node;
  };
  const accuracy = mountChart(host('chart-accuracy'));
  const loss = mountChart(host('chart-loss'));
  const depth = mountChart(host('chart-depth'));
  const legend = host('depth-legend');
  return {
    update(charts) {
      accuracy.update(charts.accuracy);
      loss.update(charts.loss);
      depth.update(charts.depth);
      legend.replaceChildren(
        ...charts.depth.series.map((series) => {
          const item = document.createElement('li');
          const swatch = document.createElement('span');
          swatch.className = 'swatch';
          swatch.style.borderColor = `var(${series.color})`;
          item.append(swatch, series.label);
          return item;
        }),
      );
    },
  };
}
