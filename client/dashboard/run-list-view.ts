// The run list's rows, from the coordinator's summaries: newest first, one link per run.
import type { RunSummary } from '../../shared/protocol/index.ts';
import { formatPercent } from './format.ts';

export interface RunRow {
  id: string;
  href: string;
  name: string;
  status: string;
  phase: string;
  architecture: string;
  epoch: string;
  volunteers: string;
  bestValAcc: string;
  created: string;
}

export function runRows(runs: RunSummary[]): RunRow[] {
  return [...runs]
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((run) => ({
      id: run.id,
      href: `?run=${encodeURIComponent(run.id)}`,
      name: run.name,
      status: run.status,
      phase: run.phase,
      architecture: run.architecture,
      epoch: String(run.epoch),
      volunteers: String(run.volunteers),
      bestValAcc: formatPercent(run.bestValAcc),
      created: new Date(run.createdAt).toISOString().slice(0, 16).replace('T', ' '),
    }));
}
