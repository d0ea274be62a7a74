// A volunteer gives a lease back (paused, stopped, or it cannot finish): the task goes back to
// the queue at once instead of at its deadline, unless another copy of it is still out.
import type { LeaseClaims } from './lease-claims.ts';
import type { LiveRun } from './live-run.ts';
import { accept, refuse, type Outcome } from './outcome.ts';
import { dropLease } from './queue.ts';
import { noChanges, type RunChanges } from './run-changes.ts';

export function releaseStep(live: LiveRun, claims: LeaseClaims): Outcome<{ taskId: string; changes: RunChanges }> {
  const task = live.tasks.get(claims.taskId);
  if (!task || !task.leases.some((held) => held.lease === claims.lease)) {
    return refuse(409, `lease ${claims.lease} of task ${claims.taskId} is not held: nothing to release`);
  }
  return accept({ taskId: task.id, changes: { ...noChanges(), tasks: [dropLease(task, claims.lease)] } });
}
