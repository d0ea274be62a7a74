// A volunteer asks for work: the task it already holds (its first answer was lost), the next
// unleased task of the round, a new task while the round is still growing, a backup copy of a
// straggler, or word to wait or stop. Seeing a volunteer is recorded either way.
import type { DoneTask, LeaseRequest, WaitTask } from '../protocol/index.ts';
import { currentStep, runContext, type LiveRun } from './live-run.ts';
import { backupCandidate, heldBy, leaseTask, nextQueued, reportedCount } from './queue.ts';
import { noChanges, type RunChanges } from './run-changes.ts';
import { isRoundWork, type LeaseRecord, type TaskRecord } from './run-record.ts';
import { leavesRoundableTail } from './round-size.ts';
import { seeVolunteer } from './volunteers.ts';
import { addRoundTask } from './work-start.ts';

const PAUSED_WAIT_SECONDS = 10;
/** Every task of the round is out: a report or an expiry frees the next work soon. */
const BUSY_WAIT_SECONDS = 1;

export type LeaseReply = { kind: 'task'; task: TaskRecord; lease: LeaseRecord } | WaitTask | DoneTask;

/** A round takes on a task for a newly arrived volunteer until its first report comes in. */
function roundCanGrow(live: LiveRun): boolean {
  const { work } = live.run;
  const { fleet } = live.config;
  return isRoundWork(work) && work.pending.length > 0 && live.tasks.size < fleet.roundSize && reportedCount(live.tasks.values()) === 0 &&
    leavesRoundableTail(work.pending.length, fleet);
}

export function leaseStep(live: LiveRun, { volunteerId, backend }: LeaseRequest, now: number): { reply: LeaseReply; changes: RunChanges } {
  const changes = noChanges();
  changes.volunteers.push(seeVolunteer(live.volunteers.get(volunteerId), volunteerId, backend, now));
  const { run, config } = live;
  if (run.status !== 'running') {
    const reply: LeaseReply = run.status === 'done' ? { kind: 'done', reason: run.doneReason ?? 'finished' } : { kind: 'wait', seconds: PAUSED_WAIT_SECONDS };
    return { reply, changes };
  }
  const held = heldBy(live.tasks.values(), volunteerId);
  if (held) return { reply: { kind: 'task', ...held }, changes };
  const deadline = now + config.fleet.leaseSeconds * 1000;
  const queued = nextQueued(live.tasks.values());
  if (queued) return leased(leaseTask(queued, volunteerId, now, deadline), changes);
  if (roundCanGrow(live)) {
    const grown = addRoundTask(currentStep(live), runContext(live, now));
    changes.run = grown.run;
    return leased(leaseTask(grown.tasks.at(-1)!, volunteerId, now, deadline), changes);
  }
  const backup = backupCandidate(live.tasks.values(), volunteerId, config.fleet.backups, now);
  if (backup) return leased(leaseTask(backup, volunteerId, now, deadline), changes);
  return { reply: { kind: 'wait', seconds: BUSY_WAIT_SECONDS }, changes };
}

function leased(held: { task: TaskRecord; lease: LeaseRecord }, changes: RunChanges): { reply: LeaseReply; changes: RunChanges } {
  changes.tasks.push(held.task);
  return { reply: { kind: 'task', ...held }, changes };
}
