// A group's page (a study submitted to the coordinator), from its runs: the study's table over the
// finished runs, variant by variant (a variant is a run name), and one row per run. Pure.
import { runReport } from '../../shared/export/run-report.ts';
import { runKey } from '../study/run-key.ts';
import { resultFromReport, type RunResult } from '../study/run-result.ts';
import type { GroupRun } from '../study/group-runs.ts';
import { STUDY_TABLE_HEADER, STUDY_TABLE_NUMERIC, studyTableRow } from '../study/study-table.ts';
import { formatPercent } from './format.ts';

export interface GroupRunRow {
  id: string;
  href: string;
  variant: string;
  seed: string;
  status: string;
  architecture: string;
  testAcc: string;
}

export interface GroupView {
  title: string;
  header: string[];
  numeric: boolean[];
  /** One per variant, in the order their first run was created. */
  rows: string[][];
  runs: GroupRunRow[];
  note: string;
}

const FLEET = { where: 'coordinator', backend: 'fleet', loadBefore: null, loadAfter: null, cpus: null };

function result({ config, progress }: GroupRun): RunResult | null {
  if (progress.status !== 'done' || progress.doneReason !== 'finished') return null;
  return resultFromReport(runKey(config), runReport(progress, config), FLEET);
}

export function groupView(group: string, runs: readonly GroupRun[]): GroupView {
  const ordered = [...runs].sort((a, b) => a.progress.createdAt - b.progress.createdAt);
  const variants = [...new Set(ordered.map((run) => run.config.name))];
  const finished = ordered.flatMap((run) => {
    const done = result(run);
    return done ? [done] : [];
  });
  const rows = variants.map((label) => studyTableRow({ label, results: finished.filter((r) => r.config.name === label).sort((a, b) => a.config.seed - b.config.seed) }));
  return {
    title: `Group ${group}`,
    header: [...STUDY_TABLE_HEADER],
    numeric: [...STUDY_TABLE_NUMERIC],
    rows,
    runs: ordered.map(({ id, config, progress }) => ({
      id,
      href: `?run=${encodeURIComponent(id)}`,
      variant: config.name,
      seed: String(config.seed),
      status: progress.status === 'done' ? (progress.doneReason ?? 'done') : `${progress.status}, ${progress.phase}, epoch ${progress.epoch}`,
      architecture: progress.architecture.name,
      testAcc: formatPercent(progress.testAcc),
    })),
    note: runs.length === 0
      ? `No run carries the group "${group}". Submit a study with npm run study -- NAME --coordinator URL.`
      : `${finished.length} of ${runs.length} runs finished; the table counts the finished ones (mean ± std over their seeds).`,
  };
}
