// What the assigning object knows, in memory and pure: each run's latest demand as its object sent
// it, and each volunteer's assignment with when it last asked. A decision counts every run's
// volunteers from the assignments asked for within the timeout, applies the rule (assign-run.ts)
// and is then recorded; the coordinator's RunAssigner keeps the same in SQLite.
import { assignRun, type Assignment, type RunDemand } from './assign-run.ts';

/** A run's demand as its object sends it: the assigning side counts the volunteers. */
export type DemandView = Omit<RunDemand, 'volunteers'>;

export interface VolunteerAssignment {
  runId: string;
  /** Epoch milliseconds of its latest ask. */
  seenAt: number;
}

/**
 * How long an assignment counts after the volunteer's latest ask. A volunteer at work asks before
 * every lease, so it asks at least once a task: a run holds a lease request at most 5 s, and a
 * task of the small presets takes seconds. One silent for a minute has most likely gone (a closed
 * tab says nothing) and its place goes to the next; one that was only slow asks again after its
 * task and is counted again.
 */
export const ASSIGNMENT_TIMEOUT_MS = 60_000;

export class Assignments {
  readonly #demands: Map<string, DemandView>;
  readonly #volunteers: Map<string, VolunteerAssignment>;

  constructor(demands: Iterable<DemandView> = [], volunteers: Iterable<[string, VolunteerAssignment]> = []) {
    this.#demands = new Map([...demands].map((demand) => [demand.id, demand]));
    this.#volunteers = new Map(volunteers);
  }

  /** The run's latest demand; null: the run is over and leaves the list (its volunteers move). */
  setDemand(runId: string, demand: DemandView | null): void {
    if (demand === null) this.#demands.delete(runId);
    else this.#demands.set(runId, demand);
  }

  /**
   * The run for `volunteer`, who works for `current` now, or null when no run has room; nothing is
   * recorded until record(). The volunteer counts for `current` (where it holds the state), not
   * where its own record points.
   */
  decide(volunteer: string, current: string | null, now: number): Assignment | null {
    const counts = new Map<string, number>();
    for (const [label, assignment] of this.#volunteers) {
      if (label === volunteer || now - assignment.seenAt > ASSIGNMENT_TIMEOUT_MS) continue;
      counts.set(assignment.runId, (counts.get(assignment.runId) ?? 0) + 1);
    }
    if (current !== null) counts.set(current, (counts.get(current) ?? 0) + 1);
    const runs: RunDemand[] = [];
    for (const demand of this.#demands.values()) runs.push({ ...demand, volunteers: counts.get(demand.id) ?? 0 });
    return assignRun(runs, current);
  }

  /** A volunteer told to wait counts for no run: the one it waits on may go to another. */
  record(volunteer: string, answer: Assignment | null, now: number): void {
    if (answer === null) this.#volunteers.delete(volunteer);
    else this.#volunteers.set(volunteer, { runId: answer.runId, seenAt: now });
  }

  /** Forgets the assignments no decision counts any more; returns the cutoff, for storage to do the same. */
  expire(now: number): number {
    const cutoff = now - ASSIGNMENT_TIMEOUT_MS;
    for (const [label, assignment] of this.#volunteers) if (assignment.seenAt < cutoff) this.#volunteers.delete(label);
    return cutoff;
  }
}
