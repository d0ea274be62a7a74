// The run page's charts and the depth chart's stage legend: mounted once, updated with every
// progress. The cost chart's figure shows only while the run has a count budget.
import { renderLegend } from './chart-legend.ts';
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
  const costHost = host('chart-cost');
  const cost = mountChart(costHost);
  const depthLegend = host('depth-legend');
  const costLegend = host('cost-legend');
  return {
    update(charts) {
      accuracy.update(charts.accuracy);
      loss.update(charts.loss);
      depth.update(charts.depth);
      const costFigure = costHost.closest('figure')!;
      costFigure.hidden = charts.cost === null;
      if (charts.cost) cost.update(charts.cost);
      renderLegend(depthLegend, charts.depth.series);
      renderLegend(costLegend, charts.cost?.series ?? []);
    },
  };
}
