// What one assignment decision costs the assigning object: its in-memory step (shared/assign:
// count every run's volunteers, apply assignRun), timed in Node (V8, as in the Durable Object) at
// 100 running runs and 1,000 volunteers. The SQLite write that follows each decision is not in it.
import { Assignments, type DemandView } from '../../shared/assign/index.ts';
import { median, timeSteps } from './timing.ts';

export const ASSIGN_RUNS = 100;
export const ASSIGN_VOLUNTEERS = 1000;

/** Runs in ten groups and on their own, two priorities, widths 2-20 (room for 1,100), half with a measured noise scale. */
function demands(): DemandView[] {
  return Array.from({ length: ASSIGN_RUNS }, (_, i) => ({
    id: `run-${i}`, group: i % 4 === 0 ? null : `group-${i % 10}`, priority: i % 3 === 0 ? 2 : 1,
    usefulWidth: 2 + (i % 10) * 2, noiseScale: i % 2 === 0 ? Infinity : 2 + (i % 16),
  }));
}

export async function benchAssign(): Promise<void> {
  const book = new Assignments(demands());
  const current = new Map<string, string | null>();
  let now = 0;
  let asks = 0;
  // Each ask is the next volunteer's, round-robin over the fleet, before its next lease, naming its run.
  const ask = () => {
    const volunteer = `v-${asks++ % ASSIGN_VOLUNTEERS}`;
    const answer = book.decide(volunteer, current.get(volunteer) ?? null, ++now);
    book.record(volunteer, answer, now);
    if (answer) current.set(volunteer, answer.runId);
  };
  // The whole fleet placed first, then timed.
  const times = await timeSteps(ask, { warmup: 2 * ASSIGN_VOLUNTEERS, timed: 5000 });
  const placed = [...current.values()].filter((runId) => runId !== null).length;
  console.log(`Assignment decision (shared/assign, Node ${process.version}), ${ASSIGN_RUNS} running runs, ${ASSIGN_VOLUNTEERS} volunteers (${placed} placed):`);
  console.log(`  ${(median(times.wall) * 1000).toFixed(3)} ms median per decision (wall), ${(median(times.cpu) * 1000).toFixed(3)} ms by CPU time; target <= 5 ms`);
}
