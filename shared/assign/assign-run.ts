// Which run a volunteer that names none should work for, given what each running run could use.
// Pure: the coordinator's assigning object and the fleet simulator both call it.
//
// A run is saturated once its volunteers fill its useful width (the tasks its rounds take: the
// round cap under its noise scale, the work it has open); a saturated run gets nobody. A volunteer
// keeps its run while that run is not over-full (it holds the run's state shards). Otherwise it
// goes to the run of highest priority that has room; among those, to the group with the fewest
// volunteers (each group is one share of the fleet; a run in no group is a group of its own); and
// within the group to the run where one more volunteer adds the most goodput.
import { marginalGoodput } from './goodput.ts';

export interface RunDemand {
  id: string;
  group: string | null;
  /** Higher first; runs of equal priority share the fleet by group. */
  priority: number;
  /** Volunteers working for it now. */
  volunteers: number;
  /** How many volunteers it can use now: 0 when it has no work for anyone (done, paused, waiting on others). */
  usefulWidth: number;
  /** Its measured noise scale in tasks; Infinity while unmeasured. */
  noiseScale: number;
}

export type AssignReason = 'kept' | 'first' | 'moved: run finished' | 'moved: run saturated';

export interface Assignment {
  runId: string;
  reason: AssignReason;
}

const groupOf = (run: RunDemand): string => (run.group === null ? `run:${run.id}` : `group:${run.group}`);

/** The run for a volunteer now working for `current` (null: none yet); null when no run has room. */
export function assignRun(runs: readonly RunDemand[], current: string | null): Assignment | null {
  const held = current === null ? undefined : runs.find((run) => run.id === current);
  // Counting itself: a run with as many volunteers as it can use keeps those it has.
  if (held && held.usefulWidth > 0 && held.volunteers <= held.usefulWidth) return { runId: held.id, reason: 'kept' };
  const others = runs.filter((run) => run.id !== current && run.volunteers < run.usefulWidth);
  if (others.length === 0) return null;
  const top = Math.max(...others.map((run) => run.priority));
  const eligible = others.filter((run) => run.priority === top);
  const groupVolunteers = new Map<string, number>();
  for (const run of runs) groupVolunteers.set(groupOf(run), (groupVolunteers.get(groupOf(run)) ?? 0) + run.volunteers - (run.id === current ? 1 : 0));
  const fewest = Math.min(...eligible.map((run) => groupVolunteers.get(groupOf(run))!));
  const chosen = eligible
    .filter((run) => groupVolunteers.get(groupOf(run)) === fewest)
    .reduce((best, run) => (marginalGoodput(run.volunteers, run.noiseScale) > marginalGoodput(best.volunteers, best.noiseScale) ? run : best));
  const reason: AssignReason = current === null ? 'first' : !held || held.usefulWidth === 0 ? 'moved: run finished' : 'moved: run saturated';
  return { runId: chosen.id, reason };
}
