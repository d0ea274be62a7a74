// A report for a lease the run holds: checked and booked, its delta decoded for the round's
// aggregate and kept for storage. The driver then closes the round if the report made it due.
import type { ReportHeader, ReportReceipt } from '../protocol/index.ts';
import { checkPayload, type CheckedDelta } from './check-payload.ts';
import type { LeaseClaims } from './lease-claims.ts';
import type { LiveRun } from './live-run.ts';
import { accept, type Outcome } from './outcome.ts';
import { recordReport } from './record-report.ts';
import { checkReport } from './report-check.ts';
import { noteQuorum } from './round-due.ts';
import { noChanges, type RunChanges } from './run-changes.ts';

export interface ReportInput {
  /** From the verified lease token. */
  claims: LeaseClaims;
  header: ReportHeader;
  /** The delta (chunked-delta.ts) in header.encoding; empty for eval. */
  payload: Uint8Array;
}

export interface BookedStep {
  receipt: ReportReceipt;
  changes: RunChanges;
  /** The accepted delta and its weight; null for eval and for a retry. */
  delta: (CheckedDelta & { samples: number }) | null;
}

export function reportStep(live: LiveRun, { claims, header, payload }: ReportInput, now: number): Outcome<BookedStep> {
  const checked = checkReport(live.run, live.tasks.get(header.taskId), claims, header, now);
  if (!checked.ok) return checked;
  if (checked.value.kind === 'retry') return accept({ receipt: checked.value.receipt, changes: noChanges(), delta: null });
  const { task, lease } = checked.value;
  const delta = checkPayload(header, payload, live.state, live.config.fleet);
  if (!delta.ok) return delta;
  const receipt: ReportReceipt = { taskId: task.id, version: live.run.version, roundClosed: false };
  const booked = recordReport(live.run, task, lease, live.volunteers.get(lease.volunteerId), header, receipt, now);
  const tasks = [...live.tasks.values()].map((t) => (t.id === task.id ? booked.task : t));
  const changes: RunChanges = {
    ...noChanges(),
    run: noteQuorum(booked.run, tasks, live.config.fleet, now),
    tasks: [booked.task],
    volunteers: [booked.volunteer],
    delta: delta.value ? { taskId: task.id, encoding: delta.value.encoding, length: delta.value.flat.length, bytes: payload } : null,
  };
  return accept({ receipt, changes, delta: delta.value && { ...delta.value, samples: header.samples } });
}
