// An accepted report, booked: the task marked reported with what it measured, the volunteer
// credited, the run's count of processed images raised.
import type { ReportHeader } from '../protocol/index.ts';
import type { RunRecord, TaskRecord, Volunteer } from './run-record.ts';
import { creditVolunteer } from './volunteers.ts';

export interface BookedReport {
  run: RunRecord;
  task: TaskRecord;
  volunteer: Volunteer;
}

export function recordReport(run: RunRecord, task: TaskRecord, known: Volunteer | undefined, header: ReportHeader, now: number): BookedReport {
  if (task.status !== 'leased' || task.volunteerId === null) throw new Error(`recordReport: task ${task.id} is ${task.status}, not leased`);
  const { samples, loss, correct, seconds, backend } = header;
  return {
    run: { ...run, samplesProcessed: run.samplesProcessed + samples, updatedAt: now },
    task: { ...task, status: 'reported', deadline: null, report: { volunteerId: task.volunteerId, backend, samples, loss, correct, seconds } },
    volunteer: creditVolunteer(known, task.volunteerId, backend, samples, now),
  };
}
