// The round's tasks as a queue: hand out the next unleased task or a backup copy of a straggler,
// take back leases that expired or were released. Each function returns new records; the caller
// stores the ones that changed.
import { copyHolders } from './replication.ts';
import { taskNumber, type LeaseRecord, type TaskRecord } from './run-record.ts';

const byNumber = (a: TaskRecord, b: TaskRecord): number => taskNumber(a.id) - taskNumber(b.id);

/** Copies of the task still wanted: its replicas, less the reports waiting and the copies out. */
export const copiesWanted = (task: TaskRecord): number => (task.report ? 0 : task.replicas - task.candidates.length - task.leases.length);

/**
 * The task a volunteer should take next: lowest task number first (a task whose lease came back
 * goes out again before newer ones), among those that want a copy from someone with none yet.
 */
export function nextQueued(tasks: Iterable<TaskRecord>, volunteerId: string): TaskRecord | undefined {
  return [...tasks].filter((task) => copiesWanted(task) > 0 && !copyHolders(task).has(volunteerId)).sort(byNumber)[0];
}

/**
 * The task a volunteer holds a lease on, if any. A volunteer works one task at a time, so when it
 * asks again the answer to its first ask was lost (a dropped connection, a coordinator restart).
 */
export function heldBy(tasks: Iterable<TaskRecord>, volunteerId: string): { task: TaskRecord; lease: LeaseRecord } | undefined {
  for (const task of tasks) {
    const lease = task.leases.find((held) => held.volunteerId === volunteerId);
    if (lease && !task.report) return { task, lease };
  }
  return undefined;
}

/** A task out this many times longer than the round's median reported task is a straggler. */
const STRAGGLER_FACTOR = 1.5;
/**
 * A copy out this many times longer than the median is presumed lost (its volunteer left without a
 * word): it no longer counts against `backups`, so the task may get another copy before the lease
 * expires. Copies presumed lost are not capped: each new one waits until those before it are.
 */
const LOST_FACTOR = 3;

/**
 * The median time out of the round's reports, in milliseconds, replicas waiting for their quorum
 * included (an eval round may have no task taken yet); null before the round's first report.
 */
function medianElapsed(tasks: readonly TaskRecord[]): number | null {
  const elapsed = tasks.flatMap((task) => (task.report ? [task.report.elapsed] : task.candidates.map((candidate) => candidate.elapsed))).sort((a, b) => a - b);
  return elapsed.length === 0 ? null : 1000 * elapsed[Math.floor(elapsed.length / 2)]!;
}

/** When the task may get a backup copy (epoch ms), or null: reported, not out, or backups off. */
function backupDueAt(task: TaskRecord, backups: number, median: number): number | null {
  const needed = task.replicas - task.candidates.length;
  if (task.report || task.leases.length === 0 || backups === 0) return null;
  const leasedAt = task.leases.map((lease) => lease.leasedAt).sort((a, b) => a - b);
  // Every copy out straggles, and enough of them are presumed lost to leave room under `backups`.
  const straggling = leasedAt.at(-1)! + STRAGGLER_FACTOR * median;
  const mustBeLost = leasedAt.length - (needed + backups) + 1;
  return mustBeLost <= 0 ? straggling : Math.max(straggling, leasedAt[mustBeLost - 1]! + LOST_FACTOR * median);
}

/**
 * A straggler for an idle volunteer to copy (MapReduce's backup executions): a task whose every
 * copy is out longer than STRAGGLER_FACTOR x the round's median reported task, with fewer than
 * `backups` copies beyond what it needs that are not presumed lost, none of them this volunteer's;
 * the one with the fewest copies out first, then the one out the longest.
 */
export function backupCandidate(tasks: Iterable<TaskRecord>, volunteerId: string, backups: number, now: number): TaskRecord | undefined {
  const round = [...tasks];
  const median = medianElapsed(round);
  if (median === null) return undefined;
  let best: { task: TaskRecord; since: number } | undefined;
  for (const task of round) {
    const due = backupDueAt(task, backups, median);
    if (due === null || now <= due || copyHolders(task).has(volunteerId)) continue;
    const since = Math.max(...task.leases.map((lease) => lease.leasedAt));
    const better = !best || task.leases.length < best.task.leases.length || (task.leases.length === best.task.leases.length && since < best.since);
    if (better) best = { task, since };
  }
  return best?.task;
}

/**
 * When the next straggler could get a backup copy, for a volunteer that holds none of its copies:
 * null when none can (no report to measure the round's median by, no task out, or all at their cap).
 */
export function nextBackupAt(tasks: Iterable<TaskRecord>, backups: number): number | null {
  const round = [...tasks];
  const median = medianElapsed(round);
  if (median === null) return null;
  let earliest: number | null = null;
  for (const task of round) {
    const due = backupDueAt(task, backups, median);
    if (due !== null && (earliest === null || due < earliest)) earliest = due;
  }
  return earliest;
}

export function leaseTask(task: TaskRecord, volunteerId: string, now: number, deadline: number): { task: TaskRecord; lease: LeaseRecord } {
  if (task.report) throw new Error(`leaseTask: task ${task.id} is already reported`);
  const lease: LeaseRecord = { lease: task.leaseCount + 1, volunteerId, leasedAt: now, deadline };
  return { task: { ...task, leases: [...task.leases, lease], leaseCount: lease.lease }, lease };
}

export function dropLease(task: TaskRecord, lease: number): TaskRecord {
  return { ...task, leases: task.leases.filter((held) => held.lease !== lease) };
}

/** Tasks that had a lease past its deadline, without it. */
export function expiredLeases(tasks: Iterable<TaskRecord>, now: number): TaskRecord[] {
  const expired: TaskRecord[] = [];
  for (const task of tasks) {
    if (task.leases.some((lease) => lease.deadline < now)) expired.push({ ...task, leases: task.leases.filter((lease) => lease.deadline >= now) });
  }
  return expired;
}

/** When the next lease expires; null when nothing is leased. */
export function earliestDeadline(tasks: Iterable<TaskRecord>): number | null {
  let earliest: number | null = null;
  for (const task of tasks) {
    for (const { deadline } of task.leases) if (earliest === null || deadline < earliest) earliest = deadline;
  }
  return earliest;
}

export const leasesOut = (tasks: Iterable<TaskRecord>): number => [...tasks].reduce((sum, task) => sum + task.leases.length, 0);

export const reportedCount = (tasks: Iterable<TaskRecord>): number => [...tasks].filter((task) => task.report).length;

export const roundComplete = (tasks: Iterable<TaskRecord>): boolean => [...tasks].every((task) => task.report);
