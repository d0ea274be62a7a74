// A study on the simulated fleet as files: per run its found net and test accuracy on the fleet
// and in one process, and for the group the time to finish everything against one volunteer
// doing the runs one after another, the fleet's idle share and how many runs trained at once.
import type { RunResult } from '../study/index.ts';
import { lineChart, renderSvg } from '../plot/index.ts';
import type { StudyFleetResult } from './simulate-study.ts';

export interface StudyRunRow {
  label: string;
  seed: number;
  fleetNet: string;
  fleetTestAcc: number | null;
  inProcessNet: string;
  inProcessTestAcc: number | null;
}

const slot = (label: string, seed: number): string => `${label}\u0000${seed}`;

export function studyRunRows(fleet: StudyFleetResult, inProcess: readonly { label: string; result: RunResult }[]): StudyRunRow[] {
  const local = new Map(inProcess.map(({ label, result }) => [slot(label, result.config.seed), result]));
  return fleet.runs.map((run) => {
    const reference = local.get(slot(run.label, run.seed));
    return {
      label: run.label, seed: run.seed, fleetNet: run.result.foundNet, fleetTestAcc: run.result.testAcc,
      inProcessNet: reference?.foundNet ?? '–', inProcessTestAcc: reference?.testAcc ?? null,
    };
  });
}

const percent = (value: number | null): string => (value === null ? '–' : value.toFixed(2));

export function studyFleetMarkdown(title: string, alone: StudyFleetResult, fleet: StudyFleetResult, rows: readonly StudyRunRow[]): string {
  const minutes = (seconds: number) => (seconds / 60).toFixed(1);
  return [
    `### ${title}`,
    '',
    '| fleet | time to finish every run (simulated min) | against one volunteer | idle share | most runs at once |',
    '| --- | --- | --- | --- | --- |',
    ...[alone, fleet].map((r) => `| ${r.volunteers} volunteer${r.volunteers === 1 ? '' : 's'} | ${minutes(r.seconds)} | 1/${(alone.seconds / r.seconds).toFixed(1)} | ${(r.idleFraction * 100).toFixed(0)}% | ${r.mostRunsAtOnce} |`),
    '',
    `| run | seed | found net (${fleet.volunteers} volunteers) | test % | found net (one process) | test % | difference |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => {
      const difference = row.fleetTestAcc === null || row.inProcessTestAcc === null ? '–' : (row.fleetTestAcc - row.inProcessTestAcc).toFixed(2);
      return `| ${row.label} | ${row.seed} | ${row.fleetNet} | ${percent(row.fleetTestAcc)} | ${row.inProcessNet} | ${percent(row.inProcessTestAcc)} | ${difference} |`;
    }),
    '',
  ].join('\n');
}

/** Validation accuracy of every run against simulated time on the fleet: which ran side by side. */
export function studyFleetChart(title: string, fleet: StudyFleetResult): Promise<string> {
  const series = (label: string, seed: number) => `${label}, seed ${seed}`;
  const points = fleet.runs.flatMap((run) => run.curve.map((point) => ({ series: series(run.label, run.seed), x: point.seconds / 60, y: point.valAcc })));
  return renderSvg(lineChart(points, {
    title,
    xTitle: 'simulated minutes',
    yTitle: 'validation accuracy (%)',
    seriesTitle: 'run',
    seriesOrder: fleet.runs.map((run) => series(run.label, run.seed)),
  }));
}
