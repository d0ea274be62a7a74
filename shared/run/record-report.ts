// An accepted report, booked: the task marked reported with what it measured (other copies of it
// are called off), the volunteer credited, the run's count of processed images raised.
import type { ReportHeader, ReportReceipt } from '../protocol/index.ts';
import type { LeaseRecord, RunRecord, TaskRecord, Volunteer } from './run-record.ts';
import { creditVolunteer } from './volunteers.ts';

export interface BookedReport {
  run: RunRecord;
  task: TaskRecord;
  volunteer: Volunteer;
}

export function recordReport(run: RunRecord, task: TaskRecord, lease: LeaseRecord, known: Volunteer | undefined, header: ReportHeader, receipt: ReportReceipt, now: number): BookedReport {
  const { samples, loss, correct, seconds, backend } = header;
  const encoding = task.kind === 'eval' ? null : header.encoding ?? null;
  const report = { lease: lease.lease, volunteerId: lease.volunteerId, backend, samples, loss, correct, seconds, elapsed: (now - lease.leasedAt) / 1000, encoding, receipt };
  return {
    run: { ...run, samplesProcessed: run.samplesProcessed + samples, updatedAt: now },
    task: { ...task, leases: [], report },
    volunteer: creditVolunteer(known, lease.volunteerId, backend, samples, now),
  };
}
