// What a volunteer tells whoever shows it (the page, the terminal): a snapshot of its state after
// every change, and the event that changed it.
import type { AssignReason } from '../../shared/assign/index.ts';
import type { LeasedTask } from '../../shared/protocol/index.ts';

export type Activity =
  | 'starting' | 'leasing' | 'downloading' | 'training' | 'evaluating' | 'reporting'
  | 'waiting' | 'retrying' | 'paused' | 'stopped' | 'finished' | 'failed';

export interface TaskProgress {
  id: string;
  kind: LeasedTask['kind'];
  samplesDone: number;
  samplesTotal: number;
  /** Over the samples done so far; null until the first batch is through. */
  imagesPerSecond: number | null;
}

export interface RunView {
  name: string;
  status: string;
  phase: string;
  architecture: string;
  epoch: number;
}

export interface VolunteerStatus {
  activity: Activity;
  /** The run it works for; null until the coordinator first assigns one. */
  runId: string | null;
  /**
   * Why it works for runId, as the coordinator said when it last gave this volunteer a run
   * ('first', 'moved: run finished', ...), or 'no room' while no run has room for it; null for a
   * volunteer that was told its run.
   */
  assignment: AssignReason | 'no room' | null;
  /** The public label the coordinator knows it by. */
  volunteerId: string;
  backend: string;
  task: TaskProgress | null;
  /** Of the running train task, else of the last one finished: what this machine contributes. */
  imagesPerSecond: number | null;
  /** Tasks and images the coordinator accepted from this volunteer. */
  tasksDone: number;
  samplesDone: number;
  /** Accepted tasks per backend: a lost GPU device moves the count from webgpu to wasm. */
  tasksByBackend: Record<string, number>;
  run: RunView | null;
  /** The latest thing that went wrong, in words; cleared when a task is accepted. */
  problem: string | null;
  /** The lease held now, so a host that must kill the volunteer outright can still give it back. */
  lease: { runId: string; leaseToken: string } | null;
}

export interface FinishedTask {
  taskId: string;
  kind: LeasedTask['kind'];
  samples: number;
  seconds: number;
  backend: string;
  accepted: boolean;
}

export type VolunteerEvent =
  | { type: 'activity' }
  | { type: 'progress' }
  | { type: 'run' }
  /** Its run or the reason changed (a volunteer the coordinator assigns). */
  | { type: 'assigned' }
  | { type: 'problem'; message: string }
  | { type: 'task-finished'; task: FinishedTask };

export type VolunteerListener = (status: VolunteerStatus, event: VolunteerEvent) => void;

export type VolunteerEnd =
  | { reason: 'stopped' | 'finished' | 'cancelled' | 'diverged' | 'max-tasks' }
  | { reason: 'failed'; error: string };

export function initialStatus(runId: string | null, volunteerId: string, backend: string): VolunteerStatus {
  return {
    activity: 'starting', runId, assignment: null, volunteerId, backend, task: null, imagesPerSecond: null,
    tasksDone: 0, samplesDone: 0, tasksByBackend: {}, run: null, problem: null, lease: null,
  };
}
