// The round in flight, closed when it is due (round-due.ts), with the combined delta the driver's
// round aggregate gives; what the round's reports were answered is kept for retries.
import { closeRound, type CombinedDelta, type ReportSpread } from './close-round.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { roundDue } from './round-due.ts';

/** The next step when the round is due at ctx.now, else null. */
export function closeDueRound(step: RunStep, ctx: RunContext, combined: CombinedDelta, spread?: ReportSpread): RunStep | null {
  if (!roundDue(step.run, step.tasks, ctx.config.fleet, ctx.now)) return null;
  const closed = closeRound(step, combined, ctx, spread);
  const version = closed.run.version;
  const closedReceipts = step.tasks.flatMap((task) => (task.report ? [{ taskId: task.id, lease: task.report.lease, volunteerId: task.report.volunteerId, receipt: { ...task.report.receipt, version, roundClosed: true } }] : []));
  return { ...closed, run: { ...closed.run, closedReceipts } };
}
