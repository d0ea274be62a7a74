// The dashboard's view of a run (GET /api/runs/:id, the event stream) and its one-line summary.
import { architectureName } from '../architecture/spec.ts';
import type { RunConfig } from '../config/run-config.ts';
import type { DatasetLayout } from '../dataset/index.ts';
import { datasetView, type RunProgress, type RunSummary, type WorkView } from '../protocol/index.ts';
import { leasesOut, reportedCount } from './queue.ts';
import type { RoundWork, RunRecord, TaskRecord, Volunteer } from './run-record.ts';
import { noiseScale } from './noise-scale.ts';

export interface ProgressInput {
  run: RunRecord;
  config: RunConfig;
  layout: DatasetLayout;
  tasks: readonly TaskRecord[];
  volunteers: Iterable<Volunteer>;
  now: number;
}

/** Volunteers a progress view lists (the most recently seen); it counts all that are active. */
export const LISTED_VOLUNTEERS = 50;

/** Seen within the last lease timeout: anyone who still holds, or could have just finished, a task. */
export function activeVolunteers(volunteers: Iterable<Volunteer>, leaseSeconds: number, now: number): Volunteer[] {
  return [...volunteers].filter((v) => now - v.lastSeen <= leaseSeconds * 1000).sort((a, b) => b.lastSeen - a.lastSeen);
}

/** Rounds of the pass so far and, at the round in flight's size, the ones its pending shards need. */
function roundsEstimate(work: RoundWork, tasks: readonly TaskRecord[]): number {
  const perRound = Math.max(1, tasks.reduce((sum, task) => sum + task.shards.length, 0));
  return work.round + 1 + Math.ceil(work.pending.length / perRound);
}

/** Train shards of the epoch aggregated or in a reported task of the round in flight. */
function trainShardsDone(run: RunRecord, tasks: readonly TaskRecord[], layout: DatasetLayout): number {
  if (run.work.kind === 'eval' && run.work.split === 'val') return layout.train.length;
  if (run.work.kind !== 'train') return 0;
  const unreported = tasks.reduce((sum, task) => sum + (task.report ? 0 : task.shards.length), 0);
  return layout.train.length - run.work.pending.length - unreported;
}

function workView(run: RunRecord, tasks: readonly TaskRecord[]): WorkView {
  const base = { tasksDone: reportedCount(tasks), tasksTotal: tasks.length };
  switch (run.work.kind) {
    case 'train':
    case 'adam-init':
      return { kind: run.work.kind, split: 'train', round: run.work.round, rounds: roundsEstimate(run.work, tasks), ...base };
    case 'eval':
      return { kind: 'eval', split: run.work.split, round: 0, rounds: 1, ...base };
    case 'none':
      return { kind: 'none', split: null, round: 0, rounds: 0, ...base };
  }
}

const bestValAcc = (run: RunRecord): number | null =>
  run.history.length === 0 ? null : Math.max(...run.history.map((entry) => entry.valAcc));

export function runProgress({ run, config, layout, tasks, volunteers, now }: ProgressInput): RunProgress {
  const { controller } = run;
  const active = activeVolunteers(volunteers, config.fleet.leaseSeconds, now);
  return {
    id: run.id,
    name: run.name,
    group: config.group,
    status: run.status,
    doneReason: run.doneReason,
    phase: controller.phase,
    epoch: controller.epoch,
    version: run.version,
    architecture: {
      name: architectureName({ family: config.architecture.family, depths: controller.depths }),
      family: config.architecture.family,
      depths: [...controller.depths],
      widths: [...config.architecture.widths],
      maxDepths: [...config.architecture.maxDepths],
    },
    dataset: datasetView(config.dataset),
    circle: [...controller.circle],
    learningRate: controller.learningRate,
    history: run.history,
    log: controller.log,
    events: run.events,
    volunteers: active.slice(0, LISTED_VOLUNTEERS),
    activeVolunteers: active.length,
    tasksInFlight: leasesOut(tasks),
    samplesProcessed: run.samplesProcessed,
    noiseScale: finiteOrNull(noiseScale(run.noise)),
    work: workView(run, tasks),
    epochProgress: { done: trainShardsDone(run, tasks, layout), total: layout.train.length },
    bestValAcc: bestValAcc(run),
    testAcc: run.testAcc,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function runSummary(progress: RunProgress): RunSummary {
  return {
    id: progress.id,
    name: progress.name,
    group: progress.group,
    status: progress.status,
    phase: progress.phase,
    architecture: progress.architecture.name,
    epoch: progress.epoch,
    volunteers: progress.activeVolunteers,
    noiseScale: progress.noiseScale,
    epochProgress: { ...progress.epochProgress },
    bestValAcc: progress.bestValAcc,
    testAcc: progress.testAcc,
    createdAt: progress.createdAt,
  };
}
