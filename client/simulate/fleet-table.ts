// The simulator's findings as files: one row per fleet size over its seeds (mean +- sample std) in
// JSON and Markdown, and test accuracy against simulated time, one curve per fleet size and seed,
// as an SVG chart. Time to accuracy is measured against the smallest fleet's mean final test
// accuracy less a margin: the same bar for every size.
import { lineChart, renderSvg } from '../plot/index.ts';
import type { FleetResult } from './simulate-fleet.ts';
import { secondsToAccuracy } from './test-curve.ts';

/** Time to accuracy: the first moment the model is within this many points of the smallest fleet's mean. */
export const ACCURACY_MARGIN = 0.2;

export interface Spread {
  mean: number;
  std: number;
}

export interface FleetRow {
  volunteers: number;
  seeds: number;
  minutesToDone: Spread;
  /** Over the seeds that reached the target; null when none did. */
  minutesToAccuracy: Spread | null;
  reachedAccuracy: number;
  /** Means of the first row over this row's: time to done, time to accuracy. */
  speedup: number;
  accuracySpeedup: number | null;
  testAcc: Spread;
  depth: Spread;
  architectures: string[];
  mbUpPerVolunteer: number;
  idleFraction: Spread;
  reportsRefused: number;
}

export function spread(values: readonly number[]): Spread {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const std = values.length > 1 ? Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, std };
}

/** The test accuracy every row's time to accuracy aims at. */
export function accuracyTarget(bySize: readonly (readonly FleetResult[])[]): number {
  const base = bySize[0] ?? [];
  return spread(base.map((result) => result.testAcc ?? 0)).mean - ACCURACY_MARGIN;
}

export function fleetRows(bySize: readonly (readonly FleetResult[])[]): FleetRow[] {
  const target = accuracyTarget(bySize);
  const rows = bySize.map((results) => {
    const reached = results.map((result) => secondsToAccuracy(result.testCurve, target)).filter((seconds): seconds is number => seconds !== null);
    return {
      volunteers: results[0]!.options.volunteers,
      seeds: results.length,
      minutesToDone: spread(results.map((result) => result.seconds / 60)),
      minutesToAccuracy: reached.length > 0 ? spread(reached.map((seconds) => seconds / 60)) : null,
      reachedAccuracy: reached.length,
      testAcc: spread(results.map((result) => result.testAcc ?? 0)),
      depth: spread(results.map((result) => result.depth)),
      architectures: results.map((result) => result.architecture),
      mbUpPerVolunteer: spread(results.map((result) => result.bytesUpPerVolunteer / 1e6)).mean,
      idleFraction: spread(results.map((result) => result.idleFraction)),
      reportsRefused: results.reduce((sum, result) => sum + result.reportsRefused, 0),
    };
  });
  const base = rows[0];
  return rows.map((row) => ({
    ...row,
    speedup: base ? base.minutesToDone.mean / row.minutesToDone.mean : 0,
    accuracySpeedup: base?.minutesToAccuracy && row.minutesToAccuracy ? base.minutesToAccuracy.mean / row.minutesToAccuracy.mean : null,
  }));
}

const pm = (value: Spread, digits: number): string => `${value.mean.toFixed(digits)} ± ${value.std.toFixed(digits)}`;

export function fleetMarkdown(title: string, target: number, rows: readonly FleetRow[]): string {
  const header = `| volunteers | seeds | time to done (min) | speedup | time to ${target.toFixed(2)}% test (min) | speedup | test acc (%) | depth (sub-modules) | found nets | MB up / volunteer | idle |`;
  const lines = rows.map((row) => {
    const accuracy = row.minutesToAccuracy === null ? 'not reached' : `${pm(row.minutesToAccuracy, 2)}${row.reachedAccuracy < row.seeds ? ` (${row.reachedAccuracy} of ${row.seeds})` : ''}`;
    const accuracySpeedup = row.accuracySpeedup === null ? '' : `${row.accuracySpeedup.toFixed(2)}x`;
    return `| ${row.volunteers} | ${row.seeds} | ${pm(row.minutesToDone, 2)} | ${row.speedup.toFixed(2)}x | ${accuracy} | ${accuracySpeedup} | ${pm(row.testAcc, 2)} | ${pm(row.depth, 1)} | ${row.architectures.join(', ')} | ${row.mbUpPerVolunteer.toFixed(1)} | ${(row.idleFraction.mean * 100).toFixed(0)}% |`;
  });
  return [`### ${title}`, '', header, `|${' --- |'.repeat(11)}`, ...lines, ''].join('\n');
}

export function fleetChart(title: string, bySize: readonly (readonly FleetResult[])[]): Promise<string> {
  const series = (result: FleetResult): string => `${result.options.volunteers} volunteer${result.options.volunteers === 1 ? '' : 's'}, seed ${result.options.seed}`;
  const results = bySize.flat();
  const points = results.flatMap((result) => result.testCurve.map((point) => ({ series: series(result), x: point.seconds / 60, y: point.testAcc })));
  return renderSvg(lineChart(points, {
    title,
    xTitle: 'simulated minutes',
    yTitle: 'test accuracy of the epoch\'s model (%)',
    seriesTitle: 'fleet',
    seriesOrder: results.map(series),
  }));
}
