// The simulator's findings as files: one row per fleet size in JSON and Markdown, and validation
// accuracy against simulated time, one curve per fleet size, as an SVG chart.
import { lineChart, renderSvg } from '../plot/index.ts';
import type { FleetResult } from './simulate-fleet.ts';

export interface FleetRow {
  volunteers: number;
  roundSize: number;
  minutesToDone: number;
  minutesToTarget: number | null;
  /** Time to done of the first row (one volunteer, as a rule) over this row's. */
  speedup: number;
  testAcc: number | null;
  architecture: string;
  rounds: number;
  tasksLost: number;
  reportsRefused: number;
  mbDownPerVolunteer: number;
  mbUpPerVolunteer: number;
  idleFraction: number;
}

export function fleetRows(results: readonly FleetResult[]): FleetRow[] {
  const base = results[0]?.seconds ?? 0;
  return results.map((result) => ({
    volunteers: result.options.volunteers,
    roundSize: result.roundSize,
    minutesToDone: result.seconds / 60,
    minutesToTarget: result.secondsToTarget === null ? null : result.secondsToTarget / 60,
    speedup: result.seconds > 0 ? base / result.seconds : 0,
    testAcc: result.testAcc,
    architecture: result.architecture,
    rounds: result.rounds,
    tasksLost: result.tasksLost,
    reportsRefused: result.reportsRefused,
    mbDownPerVolunteer: result.bytesDownPerVolunteer / 1e6,
    mbUpPerVolunteer: result.bytesUpPerVolunteer / 1e6,
    idleFraction: result.idleFraction,
  }));
}

const fixed = (value: number | null, digits: number): string => (value === null ? 'not reached' : value.toFixed(digits));

export function fleetMarkdown(title: string, target: number, rows: readonly FleetRow[]): string {
  const header = `| volunteers | round size | time to done (min) | speedup | time to ${target}% val (min) | test acc (%) | found net | rounds | lost tasks | refused reports | MB down / volunteer | MB up / volunteer | idle |`;
  const lines = rows.map((row) => `| ${row.volunteers} | ${row.roundSize} | ${fixed(row.minutesToDone, 1)} | ${row.speedup.toFixed(2)}x | ${fixed(row.minutesToTarget, 1)} | ${fixed(row.testAcc, 2)} | ${row.architecture} | ${row.rounds} | ${row.tasksLost} | ${row.reportsRefused} | ${row.mbDownPerVolunteer.toFixed(1)} | ${row.mbUpPerVolunteer.toFixed(1)} | ${(row.idleFraction * 100).toFixed(0)}% |`);
  return [`### ${title}`, '', header, `|${' --- |'.repeat(13)}`, ...lines, ''].join('\n');
}

export function fleetChart(title: string, results: readonly FleetResult[]): Promise<string> {
  const series = (result: FleetResult): string => `${result.options.volunteers} volunteer${result.options.volunteers === 1 ? '' : 's'}`;
  const points = results.flatMap((result) => result.curve.map((point) => ({ series: series(result), x: point.seconds / 60, y: point.valAcc })));
  return renderSvg(lineChart(points, {
    title,
    xTitle: 'simulated minutes',
    yTitle: 'validation accuracy (%)',
    seriesTitle: 'fleet',
    seriesOrder: results.map(series),
  }));
}
