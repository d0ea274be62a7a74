// The run page's charts from its series: validation accuracy, train loss (both with growth, freeze
// and budget markers and the fine-tune phase shaded), the depth of each stage, and the cost against
// the budget when the run has one. Pure: what each chart shows, not how uPlot draws it.
import type { BudgetConfig } from '../../shared/config/budget.ts';
import type { GrowthMarker, Point, RunSeries } from './chart-series.ts';
import { costChart } from './cost-chart.ts';

export interface SeriesSpec {
  label: string;
  /** A custom property of dashboard.css, e.g. "--stage-0": the line's color and its legend swatch's. */
  color: string;
  points: Point[];
  shape: 'line' | 'step';
  /** A dot per point, e.g. one per finished epoch. */
  dots: boolean;
  /** CSS pixels to shift the drawn line down, so series with equal values stay visible side by side. */
  nudge: number;
}

export interface ChartSpec {
  xMax: number;
  yDomain: [number, number];
  yIntegers: boolean;
  series: SeriesSpec[];
  markers: GrowthMarker[];
  fineTuneFrom: number | null;
}

export interface RunCharts {
  accuracy: ChartSpec;
  loss: ChartSpec;
  depth: ChartSpec;
  /** null: no parameter or MAC budget (or the config has not arrived yet). */
  cost: ChartSpec | null;
}

/** Accuracy in percent: the data's range widened to multiples of 5, inside [0, 100]. */
function accuracyDomain(points: Point[]): [number, number] {
  if (points.length === 0) return [0, 100];
  const ys = points.map((p) => p.y);
  const lo = Math.max(0, Math.floor((Math.min(...ys) - 1) / 5) * 5);
  const hi = Math.min(100, Math.ceil((Math.max(...ys) + 1) / 5) * 5);
  return [lo, Math.max(hi, lo + 5)];
}

function lossDomain(points: Point[]): [number, number] {
  const top = Math.max(0, ...points.map((p) => p.y).filter(Number.isFinite));
  return [0, top > 0 ? top * 1.08 : 1];
}

export function runCharts(series: RunSeries, budget: BudgetConfig | null = null): RunCharts {
  const common = { xMax: series.xMax, markers: series.markers, fineTuneFrom: series.fineTuneFrom };
  const depthTop = Math.max(1, ...series.depths.flatMap((d) => d.steps.map((p) => p.y)));
  return {
    accuracy: {
      ...common,
      yDomain: accuracyDomain(series.valAcc),
      yIntegers: false,
      series: [{ label: 'validation accuracy (%)', color: '--accent', points: series.valAcc, shape: 'line', dots: true, nudge: 0 }],
    },
    loss: {
      ...common,
      yDomain: lossDomain(series.trainLoss),
      yIntegers: false,
      series: [{ label: 'train loss', color: '--loss', points: series.trainLoss, shape: 'line', dots: true, nudge: 0 }],
    },
    depth: {
      ...common,
      // Growth markers would repeat what the steps show; a stage leaving the circle is marked.
      markers: series.markers.filter((m) => m.type !== 'grow'),
      yDomain: [0, depthTop + 1],
      yIntegers: true,
      series: series.depths.map((d) => ({
        label: `stage ${d.stage + 1}${d.atBudget ? ' (at budget)' : d.frozen ? ' (frozen)' : ''}`,
        color: `--stage-${d.stage}`,
        points: d.steps,
        shape: 'step' as const,
        dots: false,
        // Stages often share a depth: a 2.5 px spread keeps each one's line in sight.
        nudge: (d.stage - (series.depths.length - 1) / 2) * 2.5,
      })),
    },
    cost: costChart(series, budget),
  };
}
