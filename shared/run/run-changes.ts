// What one step of a run changed: storage saves exactly this, and the live run takes it in, so the
// memory of the driver and the rows of the coordinator never disagree.
import type { DeltaEncoding } from '../delta/index.ts';
import type { LiveRun } from './live-run.ts';
import { taskMap } from './live-run.ts';
import type { RunStep } from './run-context.ts';
import type { RunRecord, TaskRecord, Volunteer } from './run-record.ts';

export interface RunChanges {
  run: RunRecord | null;
  tasks: TaskRecord[];
  volunteers: Volunteer[];
  /** Ids of volunteers whose records go (volunteers.ts). */
  forgotten: string[];
  /** A report's delta (chunked-delta.ts bytes over `length` coordinates), kept by (task, lease) until its round closes. */
  delta: { taskId: string; lease: number; encoding: DeltaEncoding; length: number; bytes: Uint8Array } | null;
  /** A new round: its tasks replace the old round's (whose deltas go), with the state of its version. */
  round: RunStep | null;
}

export const noChanges = (): RunChanges => ({ run: null, tasks: [], volunteers: [], forgotten: [], delta: null, round: null });

export const hasChanges = (changes: RunChanges): boolean =>
  changes.run !== null || changes.tasks.length > 0 || changes.volunteers.length > 0 || changes.forgotten.length > 0 || changes.delta !== null || changes.round !== null;

export function applyChanges(live: LiveRun, changes: RunChanges): LiveRun {
  const volunteers = new Map(live.volunteers);
  for (const id of changes.forgotten) volunteers.delete(id);
  for (const volunteer of changes.volunteers) volunteers.set(volunteer.id, volunteer);
  if (changes.round) {
    const { run, state, outer, tasks } = changes.round;
    return { ...live, run, state, outer, tasks: taskMap(tasks), volunteers };
  }
  const tasks = new Map(live.tasks);
  for (const task of changes.tasks) tasks.set(task.id, task);
  return { ...live, run: changes.run ?? live.run, tasks, volunteers };
}
