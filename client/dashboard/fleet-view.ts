// The home page's fleet panel, from the sampled series and the latest run list: a step line of
// volunteers per running run and one for them all, against minutes since the page opened, and the
// fleet in words. Pure.
import type { RunSummary } from '../../shared/protocol/index.ts';
import type { ChartSpec, SeriesSpec } from './chart-specs.ts';
import { fleetTotals, type FleetSeries } from './fleet-series.ts';
import { counted } from './format.ts';

export interface FleetView {
  chart: ChartSpec;
  /** "6 volunteers at work on 2 running runs; 1 paused, 6 done". */
  summary: string;
}

/** dashboard.css's --run-0 … --run-7: a run's line keeps its color while the runs before it stay. */
const RUN_COLORS = 8;
/** The x axis spans at least this many minutes, so the first samples do not fill the chart's width. */
const MIN_MINUTES = 5;
/** The lines' spread when counts are equal, so each run's line stays in sight. */
const MAX_SPREAD_PX = 12;

/** A study's runs share names over seeds: those get the start of their id too. */
function labels(runs: FleetSeries['runs']): string[] {
  const names = runs.map((run) => run.name);
  return runs.map(({ id, name }) => (names.indexOf(name) === names.lastIndexOf(name) ? name : `${name} (${id.slice(0, 6)})`));
}

function summary(listed: readonly RunSummary[]): string {
  const running = listed.filter((run) => run.status === 'running');
  const volunteers = running.reduce((sum, run) => sum + run.volunteers, 0);
  const others = (['paused', 'done'] as const)
    .map((status) => [status, listed.filter((run) => run.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`);
  const head = `${counted(volunteers, 'volunteer')} at work on ${counted(running.length, 'running run')}`;
  return others.length > 0 ? `${head}; ${others.join(', ')}` : head;
}

export function fleetView(series: FleetSeries, listed: readonly RunSummary[]): FleetView {
  const start = series.times[0] ?? 0;
  const xs = series.times.map((t) => (t - start) / 60_000);
  const totals = fleetTotals(series);
  const names = labels(series.runs);
  const lines = [
    ...series.runs.map((run, i) => ({ label: names[i]!, color: `--run-${i % RUN_COLORS}`, values: run.volunteers })),
    { label: 'all runs', color: '--text', values: totals },
  ];
  const step = lines.length > 1 ? Math.min(2, MAX_SPREAD_PX / (lines.length - 1)) : 0;
  const specs: SeriesSpec[] = lines.map(({ label, color, values }, i) => {
    const points = xs.flatMap((x, j) => {
      const y = values[j] ?? null;
      return y === null ? [] : [{ x, y }];
    });
    return {
      label,
      color,
      points,
      shape: 'step',
      // A step line needs two samples; a lone one shows as a dot.
      dots: points.length < 2,
      nudge: (i - (lines.length - 1) / 2) * step,
    };
  });
  return {
    chart: {
      xMax: Math.max(MIN_MINUTES, xs.at(-1) ?? 0),
      yDomain: [0, Math.max(0, ...totals) + 1],
      yIntegers: true,
      series: specs,
      markers: [],
      fineTuneFrom: null,
    },
    summary: summary(listed),
  };
}
