// What a run's Durable Object persists besides the model state: the run record (one JSON row),
// the tasks of the round in flight and the volunteers it has seen. Plain JSON throughout.
import type { ControllerState } from '../controller/types.ts';
import type { ShardRef } from '../dataset/index.ts';
import type { DoneReason, EpochRecord, RunStatus, VolunteerView } from '../protocol/index.ts';

export type TaskKind = 'train' | 'eval' | 'adam-init';

export interface TaskReport {
  volunteerId: string;
  backend: string;
  samples: number;
  loss: number;
  correct: number;
  seconds: number;
}

export interface TaskRecord {
  /** "t<n>", unique within the run: a task id is never reused, so a stale report cannot match a newer task. */
  id: string;
  kind: TaskKind;
  /** The model version every task of the round starts from. */
  version: number;
  shards: ShardRef[];
  /** Shuffle and augmentation seed (train, adam-init). */
  seed: number;
  status: 'queued' | 'leased' | 'reported';
  /** Leases handed out so far; the token names the one it belongs to. */
  lease: number;
  volunteerId: string | null;
  deadline: number | null;
  report: TaskReport | null;
}

/** Running sums over reports, turned into accuracies and losses when a pass ends. */
export interface Tally {
  tasks: number;
  samples: number;
  /** Sum of loss x samples. */
  lossSum: number;
  correct: number;
}

export type Work =
  | { kind: 'train'; epoch: number; round: number; rounds: number; learningRate: number }
  | { kind: 'eval'; split: 'val' | 'test' }
  | {
      kind: 'adam-init';
      stages: number[];
      targetTrainAcc: number;
      maxEpochs: number;
      learningRate: number;
      /** Passes over the train shards finished so far, and the round of the current one. */
      pass: number;
      round: number;
      rounds: number;
      tally: Tally;
    }
  | { kind: 'none' };

export interface RunRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  status: RunStatus;
  doneReason: DoneReason | null;
  controller: ControllerState;
  version: number;
  /** Number of the next task id. */
  nextTask: number;
  work: Work;
  /** Train reports of the epoch in progress; startedAt times the epoch for images/s. */
  epoch: { startedAt: number; tally: Tally };
  history: EpochRecord[];
  samplesProcessed: number;
  testAcc: number | null;
}

export type Volunteer = VolunteerView;

export const emptyTally = (): Tally => ({ tasks: 0, samples: 0, lossSum: 0, correct: 0 });

/** Adds the reports of a round to a tally. */
export function addReports(tally: Tally, tasks: readonly TaskRecord[]): Tally {
  return tasks.reduce(
    (sum, task) => ({
      tasks: sum.tasks + 1,
      samples: sum.samples + (task.report?.samples ?? 0),
      lossSum: sum.lossSum + (task.report ? task.report.loss * task.report.samples : 0),
      correct: sum.correct + (task.report?.correct ?? 0),
    }),
    tally,
  );
}

/** Percent correct; 0 for an empty tally. */
export const tallyAccuracy = (tally: Tally): number => (tally.samples === 0 ? 0 : (100 * tally.correct) / tally.samples);
export const tallyLoss = (tally: Tally): number => (tally.samples === 0 ? 0 : tally.lossSum / tally.samples);
