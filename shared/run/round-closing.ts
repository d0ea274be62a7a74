// The round in flight, closed when it is due (round-due.ts): the reported tasks' deltas are read
// back, the round is closed, and what its reports were answered is kept for retries.
import { decodeTensors, type NamedTensor } from '../state/index.ts';
import { closeRound } from './close-round.ts';
import type { RunContext, RunStep } from './run-context.ts';
import type { TaskRecord } from './run-record.ts';
import { roundDue } from './round-due.ts';

/** The delta bytes a report of the round left with storage. */
export type StoredDelta = (taskId: string) => Uint8Array;

function storedDelta(read: StoredDelta, task: TaskRecord): NamedTensor[] {
  const decoded = decodeTensors(read(task.id));
  if (!decoded.ok) throw new Error(`closeDueRound: stored delta of task ${task.id} does not decode: ${decoded.error}`);
  return decoded.value;
}

/** The next step when the round is due at ctx.now, else null. `fresh` holds deltas not stored yet. */
export function closeDueRound(step: RunStep, ctx: RunContext, read: StoredDelta, fresh: ReadonlyMap<string, NamedTensor[]> = new Map()): RunStep | null {
  if (!roundDue(step.run, step.tasks, ctx.config.fleet, ctx.now)) return null;
  const closed = closeRound(step, (task) => fresh.get(task.id) ?? storedDelta(read, task), ctx);
  const version = closed.run.version;
  const closedReceipts = step.tasks.flatMap((task) => (task.report ? [{ taskId: task.id, lease: task.report.lease, receipt: { ...task.report.receipt, version, roundClosed: true } }] : []));
  return { ...closed, run: { ...closed.run, closedReceipts } };
}
