// The run page's text, from its progress and budget: headline, architecture and its counts against
// the budget, fleet, throughput, the current epoch's progress bar and the outcome. Pure, so tests
// need no DOM.
import type { BudgetConfig } from '../../shared/config/budget.ts';
import { architectureCounts, progressArchitecture } from '../../shared/export/index.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import { budgetText } from './budget-view.ts';
import { formatCount, formatDuration, formatPercent, formatRate } from './format.ts';

export interface RunView {
  title: string;
  /** "running", "paused", "done", "cancelled": also the badge's CSS class. */
  status: string;
  phase: string;
  architecture: string;
  /** Of the current architecture on the run's input shape and classes. */
  parameters: string;
  multiplyAccumulates: string;
  /** Each limit with the current cost against it; "none" without a budget, "–" before the config is read. */
  budget: string;
  volunteers: string;
  /** Under the volunteer table: tasks in flight, or why nobody is listed. */
  fleetNote: string;
  imagesPerSecond: string;
  samplesPerEpoch: string;
  epoch: string;
  learningRate: string;
  bestValAcc: string;
  testAcc: string;
  elapsed: string;
  progress: { fraction: number; label: string };
  fleet: VolunteerRow[];
}

export interface VolunteerRow {
  id: string;
  backend: string;
  samples: string;
  reports: string;
  /** Relative to the progress's own clock (updatedAt), so the view stays a pure function. */
  lastSeen: string;
}

// A done run's badge already says so.
const PHASES: Record<RunProgress['phase'], string> = {
  growing: 'growing',
  'adam-init': 'AdamInit of new blocks',
  'fine-tuning': 'fine-tuning',
  done: '',
};

function progressBar(p: RunProgress): RunView['progress'] {
  if (p.status === 'done') return { fraction: 1, label: p.doneReason === 'cancelled' ? 'cancelled' : 'finished' };
  const paused = p.status === 'paused' ? ' (paused)' : '';
  const { work, epochProgress } = p;
  if (work.kind === 'train') {
    const fraction = epochProgress.total > 0 ? epochProgress.done / epochProgress.total : 0;
    return { fraction, label: `epoch ${p.epoch + 1}: ${epochProgress.done} of ${epochProgress.total} train shards${paused}` };
  }
  const fraction = work.tasksTotal > 0 ? work.tasksDone / work.tasksTotal : 0;
  if (work.kind === 'eval') {
    const what = work.split === 'test' ? 'testing' : 'validating';
    return { fraction, label: `epoch ${p.epoch + 1}: ${what}, ${work.tasksDone} of ${work.tasksTotal} shards${paused}` };
  }
  if (work.kind === 'adam-init') return { fraction, label: `AdamInit: round ${work.round + 1} of ${work.rounds}${paused}` };
  return { fraction: 0, label: `waiting for work${paused}` };
}

function fleetNote(p: RunProgress): string {
  if (p.status === 'done') return 'The run is over.';
  if (p.activeVolunteers === 0) return 'No volunteer is working on this run: open the contribute page to join.';
  const inFlight = p.tasksInFlight === 1 ? '1 task in flight.' : `${p.tasksInFlight} tasks in flight.`;
  return p.activeVolunteers > p.volunteers.length ? `${inFlight} Listing the ${p.volunteers.length} most recently seen.` : inFlight;
}

export function runView(p: RunProgress, budget: BudgetConfig | null = null): RunView {
  const counts = architectureCounts(progressArchitecture(p));
  const last = p.history.at(-1) ?? null;
  return {
    title: p.name,
    status: p.status === 'done' && p.doneReason === 'cancelled' ? 'cancelled' : p.status,
    phase: PHASES[p.phase],
    architecture: p.architecture.name,
    parameters: formatCount(counts.parameters),
    multiplyAccumulates: formatCount(counts.multiplyAccumulates),
    budget: budgetText(counts, budget),
    volunteers: String(p.activeVolunteers),
    fleetNote: fleetNote(p),
    imagesPerSecond: formatRate(last?.imagesPerSecond ?? null),
    // The epoch record keeps images/s and seconds: their product is the epoch's train images.
    samplesPerEpoch: last ? formatCount(last.samples) : '–',
    epoch: `${p.epoch}`,
    learningRate: `${Number(p.learningRate.toPrecision(4))}`,
    bestValAcc: formatPercent(p.bestValAcc),
    testAcc: formatPercent(p.testAcc),
    elapsed: formatDuration((p.updatedAt - p.createdAt) / 1000),
    progress: progressBar(p),
    fleet: p.volunteers.map((v) => ({
      id: v.id,
      backend: v.backend,
      samples: formatCount(v.samples),
      reports: String(v.reports),
      lastSeen: `${formatDuration((p.updatedAt - v.lastSeen) / 1000)} ago`,
    })),
  };
}
