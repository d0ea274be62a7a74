// When the round in flight closes: once every task is reported, or, for a pass over the train
// shards, once a quorum of its tasks is reported and a grace period after it has passed, so a
// straggler delays the run by at most that grace (its shards go to the next round instead).
import type { RunConfig } from '../config/run-config.ts';
import { reportedCount, roundComplete } from './queue.ts';
import { ruleReports } from './round-size.ts';
import { isRoundWork, type RunRecord, type TaskRecord } from './run-record.ts';

/** Reports that let a round of `tasks` close before its last one: never fewer than its rule needs. */
export const quorumReports = (tasks: number, fleet: RunConfig['fleet']): number => Math.max(ruleReports(fleet), Math.ceil(fleet.quorum * tasks));

/** The grace after the quorum is `quorumGrace` times the time it took to reach it. */
export function quorumCloseAt(run: RunRecord, fleet: RunConfig['fleet']): number | null {
  const { work } = run;
  if (!isRoundWork(work) || work.quorumAt === null) return null;
  return work.quorumAt + fleet.quorumGrace * (work.quorumAt - work.openedAt);
}

/** The run with the moment its round reached the quorum noted, once. */
export function noteQuorum(run: RunRecord, tasks: readonly TaskRecord[], fleet: RunConfig['fleet'], now: number): RunRecord {
  const { work } = run;
  if (!isRoundWork(work) || work.quorumAt !== null || reportedCount(tasks) < quorumReports(tasks.length, fleet)) return run;
  return { ...run, work: { ...work, quorumAt: now } };
}

/**
 * Due when every task is in, or once the grace after the quorum is spent, unless closing early
 * would leave the pass a tail of shards too small for a round of the rule.
 */
export function roundDue(run: RunRecord, tasks: readonly TaskRecord[], fleet: RunConfig['fleet'], now: number): boolean {
  if (run.status === 'done' || tasks.length === 0) return false;
  if (roundComplete(tasks)) return true;
  const closeAt = quorumCloseAt(run, fleet);
  if (closeAt === null || now < closeAt || !isRoundWork(run.work)) return false;
  const left = run.work.pending.length + tasks.reduce((sum, task) => sum + (task.report ? 0 : task.shards.length), 0);
  return Math.ceil(left / fleet.shardsPerTask) >= ruleReports(fleet);
}
