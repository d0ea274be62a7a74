// What the dashboard reads: one run's progress (GET /api/runs/:id and its event stream) and the
// one-line summaries of GET /api/runs.
import type { GrowthLogEntry, Phase } from '../controller/types.ts';
import type { DatasetView } from './dataset-view.ts';

export type RunStatus = 'running' | 'paused' | 'done';
export type DoneReason = 'finished' | 'cancelled';

export interface EpochRecord {
  epoch: number;
  phase: Phase;
  /** Percent, on the validation split. */
  valAcc: number;
  trainLoss: number;
  /** Percent, over the epoch's train reports. */
  trainAcc: number;
  /** Train images of the epoch divided by its wall time on the coordinator's clock. */
  imagesPerSecond: number;
  /** Train images the epoch's accepted reports passed over: the train split, once each. */
  samples: number;
  architecture: string;
  seconds: number;
  learningRate: number;
}

export interface VolunteerView {
  id: string;
  backend: string;
  /** Epoch milliseconds of its latest lease, release or report. */
  lastSeen: number;
  samples: number;
  reports: number;
}

export interface WorkView {
  kind: 'train' | 'eval' | 'adam-init' | 'none';
  split: 'train' | 'val' | 'test' | null;
  round: number;
  rounds: number;
  tasksDone: number;
  tasksTotal: number;
}

export interface RunProgress {
  id: string;
  name: string;
  status: RunStatus;
  doneReason: DoneReason | null;
  phase: Phase;
  /** Epochs finished. */
  epoch: number;
  version: number;
  architecture: { name: string; family: string; depths: number[]; widths: number[]; maxDepths: number[] };
  dataset: DatasetView;
  circle: number[];
  learningRate: number;
  history: EpochRecord[];
  log: GrowthLogEntry[];
  /** Volunteers seen within the last lease timeout. */
  volunteers: VolunteerView[];
  tasksInFlight: number;
  samplesProcessed: number;
  work: WorkView;
  /** Train tasks of the current epoch: reported and total. */
  epochProgress: { done: number; total: number };
  bestValAcc: number | null;
  testAcc: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  phase: Phase;
  architecture: string;
  epoch: number;
  volunteers: number;
  bestValAcc: number | null;
  createdAt: number;
}
