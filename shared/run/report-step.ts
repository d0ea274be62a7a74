// A report for a lease the run holds: checked, booked, its delta kept; the report that makes the
// round due closes it (deltas combined and applied, or eval tallies scored) and opens the next.
import type { ReportHeader, ReportReceipt } from '../protocol/index.ts';
import { checkPayload } from './check-payload.ts';
import type { LeaseClaims } from './lease-claims.ts';
import { currentStep, runContext, type LiveRun } from './live-run.ts';
import { accept, type Outcome } from './outcome.ts';
import { recordReport } from './record-report.ts';
import { checkReport } from './report-check.ts';
import { noteQuorum } from './round-due.ts';
import { closeDueRound, type StoredDelta } from './round-closing.ts';
import { noChanges, type RunChanges } from './run-changes.ts';

export interface ReportInput {
  /** From the verified lease token. */
  claims: LeaseClaims;
  header: ReportHeader;
  /** encodeTensors bytes of the delta; empty for eval. */
  payload: Uint8Array;
}

export function reportStep(live: LiveRun, { claims, header, payload }: ReportInput, now: number, readDelta: StoredDelta): Outcome<{ receipt: ReportReceipt; changes: RunChanges }> {
  const checked = checkReport(live.run, live.tasks.get(header.taskId), claims, header, now);
  if (!checked.ok) return checked;
  if (checked.value.kind === 'retry') return accept({ receipt: checked.value.receipt, changes: noChanges() });
  const { task, lease } = checked.value;
  const delta = checkPayload(header.kind, payload, live.state, live.config.fleet);
  if (!delta.ok) return delta;
  const receipt: ReportReceipt = { taskId: task.id, version: live.run.version, roundClosed: false };
  const booked = recordReport(live.run, task, lease, live.volunteers.get(lease.volunteerId), header, receipt, now);
  const tasks = [...live.tasks.values()].map((t) => (t.id === task.id ? booked.task : t));
  const run = noteQuorum(booked.run, tasks, live.config.fleet, now);
  const changes: RunChanges = {
    run, tasks: [booked.task], volunteers: [booked.volunteer], round: null,
    delta: delta.value ? { taskId: task.id, bytes: payload } : null,
  };
  const fresh = new Map(delta.value ? [[task.id, delta.value]] : []);
  const volunteers = new Map(live.volunteers).set(booked.volunteer.id, booked.volunteer);
  const round = closeDueRound({ ...currentStep(live), run, tasks }, runContext({ ...live, volunteers }, now), readDelta, fresh);
  if (!round) return accept({ receipt, changes });
  return accept({ receipt: { ...receipt, version: round.run.version, roundClosed: true }, changes: { ...changes, round } });
}
