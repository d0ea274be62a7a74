// A report for a lease the run holds: checked, booked, its delta decoded for the round's aggregate
// and kept for storage. A replicated task takes the report only once enough distinct volunteers
// agree (replication.ts). The driver then closes the round if the report made it due.
import type { ReportHeader, ReportReceipt } from '../protocol/index.ts';
import { checkPayload, type CheckedDelta } from './check-payload.ts';
import type { LeaseClaims } from './lease-claims.ts';
import type { LiveRun } from './live-run.ts';
import { accept, refuse, type Outcome } from './outcome.ts';
import { dropLease } from './queue.ts';
import { holdReport, reportOf, takeReport, type BookedReport } from './record-report.ts';
import { checkReport } from './report-check.ts';
import { deltaDistance, evalCountsAgree, MAX_REPLICAS } from './replication.ts';
import type { StoredChunk } from './round-aggregate.ts';
import { noteQuorum } from './round-due.ts';
import { noChanges, type RunChanges } from './run-changes.ts';
import type { LeaseRecord, TaskRecord, TaskReport, Volunteer } from './run-record.ts';
import { judgeVolunteer, seeVolunteer } from './volunteers.ts';

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
  /** The delta the run took, with its weight; null for eval, a candidate, a retry. */
  delta: (CheckedDelta & { samples: number }) | null;
}

/**
 * A volunteer's training on the task broke down: no delta; the task goes back to the queue with
 * the volunteer noted, and the driver rolls the run back once enough volunteers agree (divergence.ts).
 */
function divergedReport(live: LiveRun, task: TaskRecord, lease: LeaseRecord, header: ReportHeader, payload: Uint8Array, now: number): Outcome<BookedStep> {
  if (payload.length > 0) return refuse(400, `payload: a diverged report carries no delta, got ${payload.length} bytes`);
  const divergedBy = task.divergedBy.includes(lease.volunteerId) ? task.divergedBy : [...task.divergedBy, lease.volunteerId];
  const changes: RunChanges = {
    ...noChanges(),
    run: { ...live.run, updatedAt: now },
    tasks: [{ ...dropLease(task, lease.lease), divergedBy }],
    volunteers: [seeVolunteer(live.volunteers.get(lease.volunteerId), lease.volunteerId, header.backend, now)],
  };
  return accept({ receipt: { taskId: task.id, version: live.run.version, roundClosed: false }, changes, delta: null });
}

interface Judged {
  booked: BookedReport;
  /** The other volunteers judged by this report: agreed with the quorum or not. */
  judged: Volunteer[];
  taken: boolean;
}

/** A replicated task's report: taken with a quorum of agreeing candidates, else held (a tie-break asked for). */
function replicate(live: LiveRun, task: TaskRecord, report: TaskReport, delta: CheckedDelta | null, now: number, read: StoredChunk): Judged {
  const { fleet } = live.config;
  const agrees = (candidate: TaskReport): boolean => (delta ? deltaDistance(delta.flat, candidate, task.id, read) <= fleet.replicaTolerance : evalCountsAgree(report, candidate, fleet));
  const agreeing = task.candidates.filter(agrees);
  const known = live.volunteers.get(report.volunteerId);
  if (1 + agreeing.length >= task.quorum) {
    const booked = takeReport(live.run, { ...task, candidates: [] }, report, known, now);
    const judged = task.candidates.map((candidate) => judgeVolunteer(seeVolunteer(live.volunteers.get(candidate.volunteerId), candidate.volunteerId, candidate.backend, now), agreeing.includes(candidate)));
    return { booked: { ...booked, volunteer: judgeVolunteer(booked.volunteer, true) }, judged, taken: true };
  }
  const held = holdReport(live.run, task, report, known, now);
  if (held.task.candidates.length < held.task.replicas) return { booked: held, judged: [], taken: false };
  // No quorum among as many reports as it asked for: one more volunteer breaks the tie, up to a
  // limit after which the run takes the latest report and judges nobody.
  if (task.replicas < MAX_REPLICAS) return { booked: { ...held, task: { ...held.task, replicas: task.replicas + 1 } }, judged: [], taken: false };
  return { booked: takeReport(live.run, { ...task, candidates: [] }, report, known, now), judged: [], taken: true };
}

export function reportStep(live: LiveRun, { claims, header, payload }: ReportInput, now: number, read: StoredChunk): Outcome<BookedStep> {
  const checked = checkReport(live.run, live.tasks.get(header.taskId), claims, header, now);
  if (!checked.ok) return checked;
  if (checked.value.kind === 'retry') return accept({ receipt: checked.value.receipt, changes: noChanges(), delta: null });
  const { task, lease } = checked.value;
  if (header.diverged) return divergedReport(live, task, lease, header, payload, now);
  const delta = checkPayload(header, payload, live.state, live.config.fleet);
  if (!delta.ok) return delta;
  const receipt: ReportReceipt = { taskId: task.id, version: live.run.version, roundClosed: false };
  const report = reportOf(task, lease, header, receipt, now);
  const { booked, judged, taken } = task.quorum <= 1 && task.candidates.length === 0
    ? { booked: takeReport(live.run, task, report, live.volunteers.get(lease.volunteerId), now), judged: [], taken: true }
    : replicate(live, task, report, delta.value, now, read);
  const tasks = [...live.tasks.values()].map((t) => (t.id === task.id ? booked.task : t));
  const changes: RunChanges = {
    ...noChanges(),
    run: noteQuorum(booked.run, tasks, live.config.fleet, now),
    tasks: [booked.task],
    volunteers: [booked.volunteer, ...judged],
    delta: delta.value ? { taskId: task.id, lease: lease.lease, encoding: delta.value.encoding, length: delta.value.flat.length, bytes: payload } : null,
  };
  return accept({ receipt, changes, delta: taken && delta.value ? { ...delta.value, samples: header.samples } : null });
}
