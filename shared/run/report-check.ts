// Whether a report (its token already verified) answers a lease the run still holds, or repeats
// one it already took. Every refusal is a value with the HTTP status and a reason the volunteer can act on.
import type { ReportHeader, ReportReceipt } from '../protocol/index.ts';
import type { LeaseClaims } from './lease-claims.ts';
import { accept, refuse, type Outcome } from './outcome.ts';
import { taskImages, taskNumber, type LeaseRecord, type RunRecord, type TaskRecord } from './run-record.ts';

export type CheckedReport = { kind: 'new'; task: TaskRecord; lease: LeaseRecord } | { kind: 'retry'; receipt: ReportReceipt };

export function checkReport(run: RunRecord, task: TaskRecord | undefined, claims: LeaseClaims, header: ReportHeader, now: number): Outcome<CheckedReport> {
  if (header.taskId !== claims.taskId || header.version !== claims.version) {
    return refuse(400, `report header names task ${header.taskId} at version ${header.version}, its lease token task ${claims.taskId} at version ${claims.version}`);
  }
  // A retry of a report the run took (its answer was lost) gets the same answer again.
  if (task?.report && task.report.lease === claims.lease) return accept({ kind: 'retry', receipt: task.report.receipt });
  const closed = run.closedReceipts.find((entry) => entry.taskId === claims.taskId && entry.lease === claims.lease);
  if (closed) return accept({ kind: 'retry', receipt: closed.receipt });
  if (run.status === 'done') return refuse(410, `run ${run.id} is over (${run.doneReason}); it takes no more reports`);
  if (now > claims.deadline) return refuse(410, `lease expired at ${new Date(claims.deadline).toISOString()}; the task went back to the queue`);
  const wonByCopy = `task ${claims.taskId} is already reported by another volunteer's copy of it (the first valid report wins)`;
  if (!task && run.closedReceipts.some((entry) => entry.taskId === claims.taskId)) return refuse(409, wonByCopy);
  if (!task && taskNumber(claims.taskId) < run.roundFirstTask) {
    return refuse(409, `task ${claims.taskId} belongs to a round that closed without its report (the run is at version ${run.version}); its shards went to the next round`);
  }
  if (claims.version !== run.version) return refuse(409, `stale version ${claims.version}: the run is at version ${run.version}`);
  if (!task) return refuse(409, `task ${claims.taskId} is not in the round in flight`);
  if (task.report) return refuse(409, wonByCopy);
  const lease = task.leases.find((held) => held.lease === claims.lease);
  if (!lease) return refuse(409, `lease ${claims.lease} of task ${task.id} is no longer held (expired or released, and handed on)`);
  if (header.kind !== task.kind) return refuse(400, `kind: task ${task.id} is a ${task.kind} task, the report says ${header.kind}`);
  const samples = taskImages(task);
  if (header.samples !== samples) return refuse(400, `samples: task ${task.id} covers ${samples} images, the report says ${header.samples}`);
  return accept({ kind: 'new', task, lease });
}
