// One uPlot chart in its host element. Built on the first spec and fed with setData after that,
// rebuilt only when its series change; sized to the host, whose CSS height is fixed, so nothing
// moves when data arrives, and resized with it. The host's data-* attributes say what is plotted.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartColumns, pointCounts } from './chart-columns.ts';
import type { ChartSpec } from './chart-specs.ts';
import { chartOptions } from './uplot-options.ts';

export interface ChartHandle {
  update(spec: ChartSpec): void;
}

const hostSize = (host: HTMLElement) => ({ width: host.clientWidth, height: host.clientHeight });

/** What the built options depend on; labels are not drawn (the legend is the page's own). */
const optionsKey = (spec: ChartSpec): string =>
  JSON.stringify([spec.yIntegers, spec.series.map((s) => [s.color, s.shape, s.dots, s.nudge])]);

export function mountChart(host: HTMLElement): ChartHandle {
  let spec: ChartSpec | null = null;
  let plot: uPlot | null = null;
  let builtFor = '';
  new ResizeObserver(() => plot?.setSize(hostSize(host))).observe(host);

  return {
    update(next) {
      spec = next;
      const columns = chartColumns(next.series);
      const data: uPlot.AlignedData = [columns.xs, ...columns.ys];
      const key = optionsKey(next);
      if (plot && key === builtFor) {
        plot.setData(data);
      } else {
        plot?.destroy();
        plot = new uPlot(chartOptions(() => spec!, hostSize(host)), data, host);
        builtFor = key;
      }
      host.dataset.series = JSON.stringify(next.series.map((s) => s.label));
      host.dataset.points = JSON.stringify(pointCounts(columns));
      host.dataset.markers = String(next.markers.length);
      host.dataset.fineTuneFrom = next.fineTuneFrom === null ? '' : String(next.fineTuneFrom);
    },
  };
}
