// Whether a report (its token already verified) answers a lease the run still holds. Every
// refusal is a value with the HTTP status and a reason the volunteer can act on.
import type { ReportHeader } from '../protocol/index.ts';
import type { LeaseClaims } from './lease-claims.ts';
import { accept, refuse, type Outcome } from './outcome.ts';
import type { RunRecord, TaskRecord } from './run-record.ts';

export function checkReport(run: RunRecord, task: TaskRecord | undefined, claims: LeaseClaims, header: ReportHeader, now: number): Outcome<TaskRecord> {
  if (header.taskId !== claims.taskId || header.version !== claims.version) {
    return refuse(400, `report header names task ${header.taskId} at version ${header.version}, its lease token task ${claims.taskId} at version ${claims.version}`);
  }
  if (run.status === 'done') return refuse(410, `run ${run.id} is over (${run.doneReason}); it takes no more reports`);
  if (now > claims.deadline) return refuse(410, `lease expired at ${new Date(claims.deadline).toISOString()}; the task went back to the queue`);
  if (claims.version !== run.version) return refuse(409, `stale version ${claims.version}: the run is at version ${run.version}`);
  if (!task) return refuse(409, `task ${claims.taskId} is not in the round in flight`);
  if (task.status === 'reported') return refuse(409, `task ${task.id} is already reported`);
  if (task.status !== 'leased' || task.lease !== claims.lease) {
    return refuse(409, `lease ${claims.lease} of task ${task.id} is no longer held (expired or released, and handed on)`);
  }
  if (header.kind !== task.kind) return refuse(400, `kind: task ${task.id} is a ${task.kind} task, the report says ${header.kind}`);
  const samples = task.shards.reduce((sum, shard) => sum + shard.count, 0);
  if (header.samples !== samples) return refuse(400, `samples: task ${task.id} covers ${samples} images, the report says ${header.samples}`);
  return accept(task);
}
