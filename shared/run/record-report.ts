// A report, booked: what it measured as the task's report, and either the run takes it (the task
// is done, other copies are called off) or holds it as a candidate until replicas agree with it.
import type { ReportHeader, ReportReceipt } from '../protocol/index.ts';
import { dropLease } from './queue.ts';
import type { LeaseRecord, RunRecord, TaskRecord, TaskReport, Volunteer } from './run-record.ts';
import { creditVolunteer } from './volunteers.ts';

export interface BookedReport {
  run: RunRecord;
  task: TaskRecord;
  volunteer: Volunteer;
}

export function reportOf(task: TaskRecord, lease: LeaseRecord, header: ReportHeader, receipt: ReportReceipt, now: number): TaskReport {
  const { samples, loss, correct, seconds, backend } = header;
  const encoding = task.kind === 'eval' ? null : header.encoding ?? null;
  return { lease: lease.lease, volunteerId: lease.volunteerId, backend, samples, loss, correct, seconds, elapsed: (now - lease.leasedAt) / 1000, reportedAt: now, encoding, receipt };
}

/** The run takes the report: the task is done. */
export function takeReport(run: RunRecord, task: TaskRecord, report: TaskReport, known: Volunteer | undefined, now: number): BookedReport {
  return {
    run: { ...run, samplesProcessed: run.samplesProcessed + report.samples, updatedAt: now },
    task: { ...task, leases: [], report },
    volunteer: creditVolunteer(known, report.volunteerId, report.backend, report.samples, now),
  };
}

/** The report waits among the task's candidates for a replica that agrees. */
export function holdReport(run: RunRecord, task: TaskRecord, report: TaskReport, known: Volunteer | undefined, now: number): BookedReport {
  return {
    run: { ...run, updatedAt: now },
    task: { ...dropLease(task, report.lease), candidates: [...task.candidates, report] },
    volunteer: creditVolunteer(known, report.volunteerId, report.backend, report.samples, now),
  };
}
