// Writes an accepted report: its delta (kept as rows until the round closes), the task, the
// volunteer and the run; the round's last report also closes the round and saves the next one.
import { decodeTensors, type NamedTensor } from '../../shared/state/index.ts';
import { closeRound } from '../run/close-round.ts';
import { roundComplete } from '../run/queue.ts';
import type { BookedReport } from '../run/record-report.ts';
import { saveRound, type LiveRun } from './live-run.ts';
import type { RunStore } from './run-store.ts';

function storedDelta(store: RunStore, taskId: string): NamedTensor[] {
  const decoded = decodeTensors(store.readDelta(taskId));
  if (!decoded.ok) throw new Error(`saveReport: stored delta of task ${taskId} does not decode: ${decoded.error}`);
  return decoded.tensors;
}

/** Call inside a storage transaction: a failure leaves neither the rows nor `live` changed. */
export function saveReport(store: RunStore, live: LiveRun, booked: BookedReport, delta: Uint8Array | null, now: number): { live: LiveRun; roundClosed: boolean } {
  if (delta) store.writeDelta(booked.task.id, delta);
  store.writeTask(booked.task);
  store.writeVolunteer(booked.volunteer);
  store.writeRun(booked.run);
  const tasks = new Map(live.tasks).set(booked.task.id, booked.task);
  const volunteers = new Map(live.volunteers).set(booked.volunteer.id, booked.volunteer);
  if (!roundComplete(tasks.values())) return { live: { ...live, run: booked.run, tasks, volunteers }, roundClosed: false };
  const roundTasks = [...tasks.values()];
  const deltas = delta ? roundTasks.map((task) => storedDelta(store, task.id)) : [];
  const step = closeRound({ run: booked.run, state: live.state, tasks: roundTasks }, deltas, { config: live.config, layout: live.layout, now });
  return { live: saveRound(store, { ...live, volunteers }, step, live.config), roundClosed: true };
}
