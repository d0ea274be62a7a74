// What a run's driver keeps besides the model state: the run record (one JSON row), the tasks of
// the round in flight with their leases, and the volunteers it has seen. Plain JSON throughout.
import type { ControllerState } from '../controller/types.ts';
import type { ShardRef } from '../dataset/index.ts';
import type { DeltaEncoding } from '../delta/index.ts';
import type { NoiseEstimate } from './noise-scale.ts';
import type { DoneReason, EpochRecord, ReportReceipt, RunEvent, RunStatus, VolunteerView } from '../protocol/index.ts';

export type TaskKind = 'train' | 'eval' | 'adam-init';

/** One volunteer's hold on a task until its deadline. */
export interface LeaseRecord {
  /** Which lease of the task: the token names it, so an earlier lease's token no longer matches. */
  lease: number;
  volunteerId: string;
  leasedAt: number;
  deadline: number;
}

export interface TaskReport {
  lease: number;
  volunteerId: string;
  backend: string;
  samples: number;
  loss: number;
  correct: number;
  /** The volunteer's own measure of its work. */
  seconds: number;
  /** From lease to report on the coordinator's clock: what a straggler is measured against. */
  elapsed: number;
  reportedAt: number;
  /** How its delta is stored (train, AdamInit); null for eval. */
  encoding: DeltaEncoding | null;
  /** What the report was answered; a retry of the same lease gets it back. */
  receipt: ReportReceipt;
}

export interface TaskRecord {
  /** "t<n>", unique within the run: a task id is never reused, so a stale report cannot match a newer task. */
  id: string;
  kind: TaskKind;
  /** The model version every task of the round starts from. */
  version: number;
  shards: ShardRef[];
  /** Shuffle and augmentation seed of each shard (train, adam-init); empty for eval. */
  seeds: number[];
  /** Leases out now: the first and, for a straggler, backup copies held by other volunteers. */
  leases: LeaseRecord[];
  /** Leases handed out so far. */
  leaseCount: number;
  /** Volunteers whose training on this task broke down (a diverged report each). */
  divergedBy: string[];
  /** Agreeing reports of distinct volunteers the run needs before it takes one (replication.ts). */
  quorum: number;
  /** Copies it gathers: the quorum, and more while the reports in do not agree. */
  replicas: number;
  /** Reports waiting for enough others to agree with them; their deltas are stored by lease. */
  candidates: TaskReport[];
  /** The accepted report: of all copies of the task, the first valid one. */
  report: TaskReport | null;
  /** Its inner learning rate over the run's (learning-rate-factor.ts); absent: 1. */
  learningRateFactor?: number;
}

/** Running sums over reports, turned into accuracies and losses when a pass ends. */
export interface Tally {
  tasks: number;
  samples: number;
  /** Sum of loss x samples. */
  lossSum: number;
  correct: number;
}

/** A pass over the train shards in rounds that follow the fleet: what is left, and the round in flight. */
export interface RoundState {
  /** Shards no round has taken yet, in the pass's order; a round that closes without a task puts its shards first. */
  pending: ShardRef[];
  /** The round in flight, counted from 0 within the pass. */
  round: number;
  /** When the round in flight opened, and when it reached its quorum of reports (null: not yet). */
  openedAt: number;
  quorumAt: number | null;
}

export type Work =
  | ({ kind: 'train'; epoch: number; learningRate: number } & RoundState)
  | { kind: 'eval'; split: 'val' | 'test' }
  | ({
      kind: 'adam-init';
      stages: number[];
      targetTrainAcc: number;
      maxEpochs: number;
      learningRate: number;
      /** Passes over the train shards finished so far. */
      pass: number;
      tally: Tally;
    } & RoundState)
  | { kind: 'none' };

export type RoundWork = Extract<Work, { kind: 'train' | 'adam-init' }>;

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
  /** The first task of the round in flight: a report for an older task belongs to a closed round. */
  roundFirstTask: number;
  /** What the reports of the last closed round were answered, for a retry whose answer was lost. */
  closedReceipts: { taskId: string; lease: number; volunteerId: string; receipt: ReportReceipt }[];
  work: Work;
  /** Train reports of the epoch in progress; startedAt times the epoch for images/s. */
  epoch: { startedAt: number; tally: Tally };
  history: EpochRecord[];
  samplesProcessed: number;
  testAcc: number | null;
  /** Every learning rate the run hands out is multiplied by this; each rollback halves it. */
  learningRateScale: number;
  /** The train rounds' gradient noise scale so far (noise-scale.ts); null until a round of two reports. */
  noise: NoiseEstimate | null;
  events: RunEvent[];
  /** The run as each of its last epochs began (oldest first): what rollbacks restore. */
  checkpoints: Checkpoint[];
  /** Rollbacks since an epoch last finished: each one reaches a checkpoint further back. */
  consecutiveRollbacks: number;
}

/** What a rollback restores: the record at an epoch's start; the state is that version's. */
export interface Checkpoint {
  version: number;
  run: Pick<RunRecord, 'controller' | 'epoch' | 'history' | 'testAcc'>;
}

export type Volunteer = VolunteerView;

export const emptyTally = (): Tally => ({ tasks: 0, samples: 0, lossSum: 0, correct: 0 });

/** Adds the accepted reports among `tasks` to a tally. */
export function addReports(tally: Tally, tasks: readonly TaskRecord[]): Tally {
  return tasks.reduce(
    (sum, { report }) => (report ? {
      tasks: sum.tasks + 1,
      samples: sum.samples + report.samples,
      lossSum: sum.lossSum + report.loss * report.samples,
      correct: sum.correct + report.correct,
    } : sum),
    tally,
  );
}

/** Percent correct; 0 for an empty tally. */
export const tallyAccuracy = (tally: Tally): number => (tally.samples === 0 ? 0 : (100 * tally.correct) / tally.samples);

export const tallyLoss = (tally: Tally): number => (tally.samples === 0 ? 0 : tally.lossSum / tally.samples);

export const isRoundWork = (work: Work): work is RoundWork => work.kind === 'train' || work.kind === 'adam-init';

export const taskNumber = (taskId: string): number => Number(taskId.slice(1));

export const taskImages = (task: TaskRecord): number => task.shards.reduce((sum, shard) => sum + shard.count, 0);
