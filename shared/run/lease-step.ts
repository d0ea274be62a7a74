// A volunteer asks for work: the task it already holds (its first answer was lost), the next
// unleased task of the round, a new task while the round is still growing, a backup copy of a
// straggler, or word to wait or stop. Seeing a volunteer is recorded either way.
import { volunteerLabel, type DoneTask, type LeaseRequest, type WaitTask } from '../protocol/index.ts';
import { currentStep, runContext, type LiveRun } from './live-run.ts';
import { backupCandidate, copiesWanted, heldBy, leaseTask, nextBackupAt, nextQueued, reportedCount } from './queue.ts';
import { noChanges, type RunChanges } from './run-changes.ts';
import { accept, refuse, type Outcome } from './outcome.ts';
import { STRIKES_TO_REFUSE } from './replication.ts';
import { isRoundWork, type LeaseRecord, type TaskRecord, type Volunteer } from './run-record.ts';
import { leavesRoundableTail, roundCap } from './round-size.ts';
import { copyHolders } from './replication.ts';
import { seeVolunteer, volunteersToForget } from './volunteers.ts';
import { addRoundTask } from './work-start.ts';

const PAUSED_WAIT_SECONDS = 10;
/**
 * Every task of the round is out. A report that opens work, a release or an expiry wakes a waiting
 * volunteer at once (the coordinator holds its request, waiting-volunteers.ts), so the wait only
 * needs to end when a straggler may get a backup copy; at most this long, and at least the floor.
 */
export const MAX_BUSY_WAIT_SECONDS = 5;
const MIN_BUSY_WAIT_SECONDS = 0.05;

export type LeaseReply = { kind: 'task'; task: TaskRecord; lease: LeaseRecord } | WaitTask | DoneTask;

/** A round takes on a task for a newly arrived volunteer until its first report comes in. */
export function roundCanGrow(live: LiveRun): boolean {
  const { work } = live.run;
  const { fleet } = live.config;
  return isRoundWork(work) && work.pending.length > 0 && live.tasks.size < roundCap(fleet, live.run.noise) && reportedCount(live.tasks.values()) === 0 &&
    leavesRoundableTail(work.pending.length, fleet);
}

export function leaseStep(live: LiveRun, { volunteerKey, backend }: LeaseRequest, now: number): Outcome<{ reply: LeaseReply; changes: RunChanges }> {
  const volunteerId = volunteerLabel(volunteerKey);
  const known = live.volunteers.get(volunteerId);
  if (known && known.strikes >= STRIKES_TO_REFUSE) {
    return refuse(403, `volunteer ${volunteerId}: ${known.strikes} of its results disagreed with other volunteers'; this run takes no more work from it`);
  }
  const changes = noChanges();
  const seen = seeVolunteer(known, volunteerId, backend, now);
  changes.volunteers.push(seen);
  if (!known) changes.forgotten = volunteersToForget(live.volunteers, busyVolunteers(live.tasks.values()), now);
  const { run, config } = live;
  if (run.status !== 'running') {
    const reply: LeaseReply = run.status === 'done' ? { kind: 'done', reason: run.doneReason ?? 'finished' } : { kind: 'wait', seconds: PAUSED_WAIT_SECONDS };
    return accept({ reply, changes });
  }
  const held = heldBy(live.tasks.values(), volunteerId);
  if (held) return accept({ reply: { kind: 'task', ...held }, changes });
  const deadline = now + config.fleet.leaseSeconds * 1000;
  const lease = (task: TaskRecord) => leased(leaseTask(checkedMoreOften(task, seen), volunteerId, now, deadline), changes);
  const queued = nextQueued(live.tasks.values(), volunteerId);
  if (queued) return lease(queued);
  if (roundCanGrow(live)) {
    const grown = addRoundTask(currentStep(live), runContext(live, now));
    changes.run = grown.run;
    return lease(grown.tasks.at(-1)!);
  }
  const backup = backupCandidate(live.tasks.values(), volunteerId, config.fleet.backups, now);
  if (backup) return lease(backup);
  return accept({ reply: { kind: 'wait', seconds: busyWaitSeconds(live, now) }, changes });
}

function busyWaitSeconds(live: LiveRun, now: number): number {
  const backupAt = nextBackupAt(live.tasks.values(), live.config.fleet.backups);
  const seconds = backupAt === null ? MAX_BUSY_WAIT_SECONDS : (backupAt - now) / 1000;
  return Math.min(MAX_BUSY_WAIT_SECONDS, Math.max(MIN_BUSY_WAIT_SECONDS, seconds));
}

/**
 * Leases volunteers asking now could get: copies the round's tasks want and the room it has left
 * to grow; unbounded when the run is not running (every asker hears that at once).
 */
export function openWork(live: LiveRun): number {
  if (live.run.status !== 'running') return Number.POSITIVE_INFINITY;
  let open = 0;
  for (const task of live.tasks.values()) open += Math.max(0, copiesWanted(task));
  if (roundCanGrow(live) && isRoundWork(live.run.work)) open += Math.min(live.config.fleet.roundSize - live.tasks.size, live.run.work.pending.length);
  return open;
}

function busyVolunteers(tasks: Iterable<TaskRecord>): Set<string> {
  const busy = new Set<string>();
  for (const task of tasks) for (const id of copyHolders(task)) busy.add(id);
  return busy;
}

/** A volunteer with a strike gets its train tasks checked: a second volunteer's copy must agree. */
function checkedMoreOften(task: TaskRecord, volunteer: Volunteer): TaskRecord {
  return volunteer.strikes > 0 && task.kind === 'train' && task.quorum < 2 ? { ...task, quorum: 2, replicas: Math.max(2, task.replicas) } : task;
}

function leased(held: { task: TaskRecord; lease: LeaseRecord }, changes: RunChanges): Outcome<{ reply: LeaseReply; changes: RunChanges }> {
  changes.tasks.push(held.task);
  return accept({ reply: { kind: 'task', ...held }, changes });
}
