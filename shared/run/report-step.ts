// A report for a lease the run holds: checked, booked, its delta kept; the round's last report
// closes the round (deltas combined and applied, or eval tallies scored) and opens the next one.
import { decodeTensors, type NamedTensor } from '../state/index.ts';
import type { ReportHeader, ReportReceipt } from '../protocol/index.ts';
import { checkPayload } from './check-payload.ts';
import { closeRound } from './close-round.ts';
import type { LeaseClaims } from './lease-claims.ts';
import { runContext, type LiveRun } from './live-run.ts';
import { accept, type Outcome } from './outcome.ts';
import { roundComplete } from './queue.ts';
import { recordReport } from './record-report.ts';
import { checkReport } from './report-check.ts';
import type { RunChanges } from './run-changes.ts';

export interface ReportInput {
  /** From the verified lease token. */
  claims: LeaseClaims;
  header: ReportHeader;
  /** encodeTensors bytes of the delta; empty for eval. */
  payload: Uint8Array;
}

/** The delta bytes an earlier report of the round left with storage. */
export type StoredDelta = (taskId: string) => Uint8Array;

function storedDelta(read: StoredDelta, taskId: string): NamedTensor[] {
  const decoded = decodeTensors(read(taskId));
  if (!decoded.ok) throw new Error(`reportStep: stored delta of task ${taskId} does not decode: ${decoded.error}`);
  return decoded.tensors;
}

export function reportStep(live: LiveRun, { claims, header, payload }: ReportInput, now: number, readDelta: StoredDelta): Outcome<{ receipt: ReportReceipt; changes: RunChanges }> {
  const checked = checkReport(live.run, live.tasks.get(header.taskId), claims, header, now);
  if (!checked.ok) return checked;
  const delta = checkPayload(header.kind, payload, live.state, live.config.fleet);
  if (!delta.ok) return delta;
  const booked = recordReport(live.run, checked.value, live.volunteers.get(checked.value.volunteerId!), header, now);
  const changes: RunChanges = {
    run: booked.run, tasks: [booked.task], volunteers: [booked.volunteer], round: null,
    delta: delta.value ? { taskId: booked.task.id, bytes: payload } : null,
  };
  const tasks = new Map(live.tasks).set(booked.task.id, booked.task);
  if (!roundComplete(tasks.values())) return accept({ receipt: { taskId: header.taskId, version: booked.run.version, roundClosed: false }, changes });
  const roundTasks = [...tasks.values()];
  const deltas = delta.value ? roundTasks.map((task) => (task.id === booked.task.id ? delta.value! : storedDelta(readDelta, task.id))) : [];
  const round = closeRound({ run: booked.run, state: live.state, tasks: roundTasks }, deltas, runContext(live, now));
  return accept({ receipt: { taskId: header.taskId, version: round.run.version, roundClosed: true }, changes: { ...changes, round } });
}
