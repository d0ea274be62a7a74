// The home page's group tables: for each group (a study) with runs in the list, its runs with their
// status, net (the found one once done) and test accuracy, and a link to the group's own page,
// which has the study's full table. Pure.
import type { RunSummary } from '../../shared/protocol/index.ts';
import { counted, formatPercent } from './format.ts';

export interface GroupSectionRun {
  id: string;
  href: string;
  name: string;
  status: string;
  net: string;
  testAcc: string;
}

export interface GroupSection {
  group: string;
  href: string;
  /** "4 of 5 runs done; 1 running with 4 volunteers". */
  note: string;
  /** Oldest first, as the study created them. */
  runs: GroupSectionRun[];
}

function note(runs: readonly RunSummary[]): string {
  const done = runs.filter((run) => run.status === 'done').length;
  const running = runs.filter((run) => run.status === 'running');
  const head = `${done} of ${counted(runs.length, 'run')} done`;
  if (running.length === 0) return head;
  const volunteers = running.reduce((sum, run) => sum + run.volunteers, 0);
  return `${head}; ${running.length} running with ${counted(volunteers, 'volunteer')}`;
}

/** Groups with the newest run first, as the run list is ordered. */
export function groupSections(listed: readonly RunSummary[]): GroupSection[] {
  const byGroup = new Map<string, RunSummary[]>();
  for (const run of [...listed].sort((a, b) => b.createdAt - a.createdAt)) {
    if (run.group === null) continue;
    byGroup.set(run.group, [...(byGroup.get(run.group) ?? []), run]);
  }
  return [...byGroup].map(([group, newestFirst]) => {
    const runs = newestFirst.toReversed();
    return {
      group,
      href: `?group=${encodeURIComponent(group)}`,
      note: note(runs),
      runs: runs.map((run) => ({
        id: run.id,
        href: `?run=${encodeURIComponent(run.id)}`,
        name: run.name,
        status: run.status === 'running' ? `running, epoch ${run.epoch + 1}` : run.status,
        net: run.architecture,
        testAcc: formatPercent(run.testAcc),
      })),
    };
  });
}
