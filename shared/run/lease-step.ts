// A volunteer asks for work: the task it already holds (its first answer was lost), the next
// queued task of the round, or word to wait or stop. Seeing a volunteer is recorded either way.
import type { DoneTask, LeaseRequest, WaitTask } from '../protocol/index.ts';
import type { LiveRun } from './live-run.ts';
import { heldBy, leaseTask, nextQueued } from './queue.ts';
import { noChanges, type RunChanges } from './run-changes.ts';
import type { TaskRecord } from './run-record.ts';
import { seeVolunteer } from './volunteers.ts';

const PAUSED_WAIT_SECONDS = 10;
/** Every task of the round is out: ask again soon, a report or an expiry frees the next work. */
const BUSY_WAIT_SECONDS = 3;

export type LeaseReply = { kind: 'task'; task: TaskRecord } | WaitTask | DoneTask;

export function leaseStep(live: LiveRun, { volunteerId, backend }: LeaseRequest, now: number): { reply: LeaseReply; changes: RunChanges } {
  const changes = noChanges();
  changes.volunteers.push(seeVolunteer(live.volunteers.get(volunteerId), volunteerId, backend, now));
  const { run } = live;
  const held = run.status === 'running' ? heldBy(live.tasks.values(), volunteerId) : undefined;
  if (held) return { reply: { kind: 'task', task: held }, changes };
  const queued = run.status === 'running' ? nextQueued(live.tasks.values()) : undefined;
  if (!queued) {
    if (run.status === 'done') return { reply: { kind: 'done', reason: run.doneReason ?? 'finished' }, changes };
    return { reply: { kind: 'wait', seconds: run.status === 'paused' ? PAUSED_WAIT_SECONDS : BUSY_WAIT_SECONDS }, changes };
  }
  const task = leaseTask(queued, volunteerId, now + live.config.fleet.leaseSeconds * 1000);
  changes.tasks.push(task);
  return { reply: { kind: 'task', task }, changes };
}
