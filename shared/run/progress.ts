// The dashboard's view of a run (GET /api/runs/:id, the event stream) and its one-line summary.
import { architectureName } from '../architecture/spec.ts';
import type { RunConfig } from '../config/run-config.ts';
import type { DatasetLayout } from '../dataset/index.ts';
import { datasetView, type RunProgress, type RunSummary, type WorkView } from '../protocol/index.ts';
import type { RunRecord, TaskRecord, Volunteer } from './run-record.ts';

export interface ProgressInput {
  run: RunRecord;
  config: RunConfig;
  layout: DatasetLayout;
  tasks: readonly TaskRecord[];
  volunteers: Iterable<Volunteer>;
  now: number;
}

/** Seen within the last lease timeout: anyone who still holds, or could have just finished, a task. */
export function activeVolunteers(volunteers: Iterable<Volunteer>, leaseSeconds: number, now: number): Volunteer[] {
  return [...volunteers].filter((v) => now - v.lastSeen <= leaseSeconds * 1000).sort((a, b) => b.lastSeen - a.lastSeen);
}

function workView(run: RunRecord, tasks: readonly TaskRecord[]): WorkView {
  const tasksDone = tasks.filter((t) => t.status === 'reported').length;
  const base = { tasksDone, tasksTotal: tasks.length };
  switch (run.work.kind) {
    case 'train':
    case 'adam-init':
      return { kind: run.work.kind, split: 'train', round: run.work.round, rounds: run.work.rounds, ...base };
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
  const trainTasksDone = run.work.kind === 'train'
    ? run.epoch.tally.tasks + tasks.filter((t) => t.kind === 'train' && t.status === 'reported').length
    : run.work.kind === 'eval' && run.work.split === 'val' ? layout.train.length : 0;
  return {
    id: run.id,
    name: run.name,
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
    volunteers: activeVolunteers(volunteers, config.fleet.leaseSeconds, now),
    tasksInFlight: tasks.filter((t) => t.status === 'leased').length,
    samplesProcessed: run.samplesProcessed,
    work: workView(run, tasks),
    epochProgress: { done: trainTasksDone, total: layout.train.length },
    bestValAcc: bestValAcc(run),
    testAcc: run.testAcc,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
}

export function runSummary(progress: RunProgress): RunSummary {
  return {
    id: progress.id,
    name: progress.name,
    status: progress.status,
    phase: progress.phase,
    architecture: progress.architecture.name,
    epoch: progress.epoch,
    volunteers: progress.volunteers.length,
    bestValAcc: progress.bestValAcc,
    createdAt: progress.createdAt,
  };
}
