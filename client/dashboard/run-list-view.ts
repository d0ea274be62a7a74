// The run list's rows, from the coordinator's summaries: newest first, one link per run, each with
// its progress in words and the volunteers its gradient noise scale says it can use. Pure.
import type { RunSummary } from '../../shared/protocol/index.ts';
import { counted, formatPercent } from './format.ts';

export interface RunRow {
  id: string;
  href: string;
  name: string;
  /** The group (a study) it belongs to; empty on its own. */
  group: string;
  status: string;
  /** "growing · epoch 5 · 42%": the phase, the epoch under way (1-based) and its share done. */
  progress: string;
  /** The current epoch's share done, for the row's bar; null once the run is done. */
  epochShare: number | null;
  volunteers: string;
  /** "can use about 7 volunteers", from the measured noise scale; empty once the run is done. */
  useful: string;
  architecture: string;
  bestValAcc: string;
  testAcc: string;
  created: string;
}

const PHASES: Record<RunSummary['phase'], string> = { growing: 'growing', 'adam-init': 'AdamInit', 'fine-tuning': 'fine-tuning', done: 'done' };

const share = ({ done, total }: RunSummary['epochProgress']): number => (total > 0 ? done / total : 0);

export function progressText(run: RunSummary): string {
  if (run.status === 'done') return `done after ${counted(run.epoch, 'epoch')}`;
  return `${PHASES[run.phase]} · epoch ${run.epoch + 1} · ${Math.round(100 * share(run.epochProgress))}%`;
}

/** The noise scale is in tasks a round can use well; each volunteer works one task at a time. */
export function usefulText(run: RunSummary): string {
  if (run.status === 'done') return '';
  if (run.noiseScale === null) return 'noise scale not measured yet';
  return `can use about ${counted(Math.max(1, Math.round(run.noiseScale)), 'volunteer')}`;
}

export function runRows(runs: readonly RunSummary[]): RunRow[] {
  return [...runs]
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((run) => ({
      id: run.id,
      href: `?run=${encodeURIComponent(run.id)}`,
      name: run.name,
      group: run.group ?? '',
      status: run.status,
      progress: progressText(run),
      epochShare: run.status === 'done' ? null : share(run.epochProgress),
      volunteers: String(run.volunteers),
      useful: usefulText(run),
      architecture: run.architecture,
      bestValAcc: formatPercent(run.bestValAcc),
      testAcc: formatPercent(run.testAcc),
      created: new Date(run.createdAt).toISOString().slice(0, 16).replace('T', ' '),
    }));
}
