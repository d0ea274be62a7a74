// The cost chart: the network's parameters and multiply-accumulates over epochs, each as a share of
// its budget limit, with the budget itself as a line at 100%. Pure. Only counts are drawn: the
// latency limit is checked against volunteers' measurements, which the progress does not carry.
import type { BudgetConfig } from '../../shared/config/budget.ts';
import type { RunSeries } from './chart-series.ts';
import type { ChartSpec, SeriesSpec } from './chart-specs.ts';
import { formatCount } from './format.ts';

const COUNTED = [
  { measure: 'parameters', words: 'parameters', color: '--accent' },
  { measure: 'multiplyAccumulates', words: 'MACs per image', color: '--loss' },
] as const;

/** null: the run has no parameter or MAC limit, so there is no budget to draw. */
export function costChart(series: RunSeries, budget: BudgetConfig | null): ChartSpec | null {
  const lines: SeriesSpec[] = [];
  for (const { measure, words, color } of COUNTED) {
    const limit = budget?.[measure] ?? null;
    if (limit === null) continue;
    const points = series.cost.map((step) => ({ x: step.x, y: (100 * step[measure]) / limit }));
    lines.push({ label: `${words} (% of ${formatCount(limit)})`, color, points, shape: 'step', dots: false, nudge: 0 });
  }
  if (lines.length === 0) return null;
  const budgetLine: SeriesSpec = { label: 'budget', color: '--budget', points: [{ x: 0, y: 100 }, { x: series.xMax, y: 100 }], shape: 'line', dots: false, nudge: 0 };
  const highest = Math.max(100, ...lines.flatMap((line) => line.points.map((p) => p.y)));
  return {
    xMax: series.xMax,
    // One 10% step of room above the highest line, so the budget line never sits on the frame.
    yDomain: [0, Math.ceil(highest / 10) * 10 + 10],
    yIntegers: false,
    series: [...lines, budgetLine],
    markers: series.markers.filter((marker) => marker.type === 'budget'),
    fineTuneFrom: series.fineTuneFrom,
  };
}
