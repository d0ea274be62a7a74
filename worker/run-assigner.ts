// The fleet's assigning object: one singleton Durable Object that each run's object tells its
// demand and each volunteer that names no run asks for a run before every lease (the rule is
// shared/assign's). It is kept apart from the RunRegistry: assignment is one ask per lease of
// every such volunteer, and the registry, which every run route may ask whether a run exists,
// stays out of that traffic.
import { DurableObject } from 'cloudflare:workers';
import { ASSIGNMENT_TIMEOUT_MS, Assignments, type Assignment, type DemandView } from '../shared/assign/index.ts';
import type { Env } from './env.ts';
import { AssignmentStore } from './storage/assignment-store.ts';

export const ASSIGNER_NAME = 'assigner';

export class RunAssigner extends DurableObject<Env> {
  #store: AssignmentStore;
  #assignments = new Assignments();
  /** When expired assignments were last deleted: once per timeout is enough to keep the table small. */
  #expiredAt = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new AssignmentStore(ctx.storage.sql);
    void ctx.blockConcurrencyWhile(async () => {
      this.#assignments = new Assignments(this.#store.demands(), this.#store.assignments());
    });
  }

  /** From a run's object after a step that changed its demand; null once the run is over. */
  updateDemand(runId: string, demand: DemandView | null): void {
    this.#store.saveDemand(runId, demand);
    this.#assignments.setDemand(runId, demand);
  }

  /** The run for the volunteer of this label, which works for `current` now; null: no run has room. */
  assign(volunteer: string, current: string | null, now: number): Assignment | null {
    const answer = this.#assignments.decide(volunteer, current, now);
    // Stored before it is remembered: a write that fails leaves both as they were.
    this.#store.saveAssignment(volunteer, answer && answer.runId, now);
    this.#assignments.record(volunteer, answer, now);
    if (now - this.#expiredAt >= ASSIGNMENT_TIMEOUT_MS) {
      this.#store.forgetAssignmentsBefore(this.#assignments.expire(now));
      this.#expiredAt = now;
    }
    return answer;
  }
}
