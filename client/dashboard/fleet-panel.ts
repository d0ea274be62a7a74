// The home page's fleet panel: the chart of volunteers per running run, its legend and the fleet
// in words, mounted once and updated at every refresh of the run list.
import { renderLegend } from './chart-legend.ts';
import type { FleetView } from './fleet-view.ts';
import { mountChart } from './uplot-chart.ts';

export interface FleetPanel {
  update(view: FleetView): void;
}

export function mountFleetPanel(root: ParentNode): FleetPanel {
  const chart = mountChart(root.querySelector<HTMLElement>('#chart-fleet')!);
  const legend = root.querySelector<HTMLElement>('#fleet-legend')!;
  const summary = root.querySelector<HTMLElement>('#fleet-summary')!;
  return {
    update(view) {
      chart.update(view.chart);
      renderLegend(legend, view.chart.series);
      summary.textContent = view.summary;
    },
  };
}
