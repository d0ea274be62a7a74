// The round's task queue: hand out the next queued task, take back expired or released leases.
// Each function returns new records; the caller stores the ones that changed.
import type { TaskRecord } from './run-record.ts';

/** Lowest task number first, so a task returned to the queue goes out again before newer ones. */
const taskNumber = (task: TaskRecord): number => Number(task.id.slice(1));

export function nextQueued(tasks: Iterable<TaskRecord>): TaskRecord | undefined {
  let next: TaskRecord | undefined;
  for (const task of tasks) {
    if (task.status === 'queued' && (!next || taskNumber(task) < taskNumber(next))) next = task;
  }
  return next;
}

/**
 * The task a volunteer already holds, if any. A volunteer works one task at a time, so when it asks
 * again the answer to its first ask was lost (a dropped connection, a coordinator restart).
 */
export function heldBy(tasks: Iterable<TaskRecord>, volunteerId: string): TaskRecord | undefined {
  for (const task of tasks) if (task.status === 'leased' && task.volunteerId === volunteerId) return task;
  return undefined;
}

export function leaseTask(task: TaskRecord, volunteerId: string, deadline: number): TaskRecord {
  if (task.status !== 'queued') throw new Error(`leaseTask: task ${task.id} is ${task.status}, not queued`);
  return { ...task, status: 'leased', lease: task.lease + 1, volunteerId, deadline };
}

export function returnToQueue(task: TaskRecord): TaskRecord {
  return { ...task, status: 'queued', volunteerId: null, deadline: null };
}

/** Leased tasks whose deadline has passed, back in the queue. */
export function expiredLeases(tasks: Iterable<TaskRecord>, now: number): TaskRecord[] {
  const expired: TaskRecord[] = [];
  for (const task of tasks) {
    if (task.status === 'leased' && task.deadline !== null && task.deadline < now) expired.push(returnToQueue(task));
  }
  return expired;
}

/** When the alarm should next look for expired leases; null when nothing is leased. */
export function earliestDeadline(tasks: Iterable<TaskRecord>): number | null {
  let earliest: number | null = null;
  for (const task of tasks) {
    if (task.status === 'leased' && task.deadline !== null && (earliest === null || task.deadline < earliest)) earliest = task.deadline;
  }
  return earliest;
}

export const roundComplete = (tasks: Iterable<TaskRecord>): boolean => [...tasks].every((task) => task.status === 'reported');
