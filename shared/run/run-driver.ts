// The run's life in one place: the coordinator's Durable Object, the in-process runner and the
// fleet simulator all drive a run through this class. Each call runs one pure step, hands its
// changes to the port (which saves them, or throws and so changes nothing) and then takes them in.
// The round's aggregate (a running sum of its deltas) lives here, beside the live run.
import type { LeaseRequest, LeasedTask, ReportReceipt, RunProgress } from '../protocol/index.ts';
import { controlStep, type RunControl } from './control-step.ts';
import type { LeaseClaims } from './lease-claims.ts';
import { leaseStep, openWork, type LeaseReply } from './lease-step.ts';
import { divergenceReason } from './divergence.ts';
import { currentStep, runContext, type LiveRun } from './live-run.ts';
import { rollBack, type CheckpointReader } from './rollback.ts';
import type { RunContext } from './run-context.ts';
import { accept, type Outcome } from './outcome.ts';
import { runProgress } from './progress.ts';
import { earliestDeadline, expiredLeases } from './queue.ts';
import { releaseStep } from './release-step.ts';
import { reportStep, type ReportInput } from './report-step.ts';
import { flatNorm } from '../aggregate/streaming.ts';
import { takeReport } from './record-report.ts';
import { unchecked } from './replication.ts';
import { RoundAggregate, storedDelta, type RoundReport, type StoredChunk } from './round-aggregate.ts';
import { closeDueRound } from './round-closing.ts';
import { noteQuorum, quorumCloseAt } from './round-due.ts';
import { applyChanges, hasChanges, noChanges, type RunChanges } from './run-changes.ts';
import { isRoundWork, type LeaseRecord, type TaskRecord, type TaskReport } from './run-record.ts';
import { statisticRanges } from './outer-step.ts';
import { stateLayout } from './state-layout.ts';
import { taskView } from './task-view.ts';

export interface RunPort {
  /** Saves a step's changes before the run takes them in; throwing refuses them all. */
  save(changes: RunChanges): void;
  /** One chunk (chunked-delta.ts) of a delta a report of the round in flight left with save(). */
  readDeltaChunk: StoredChunk;
  /** The state and outer momentum of the run's checkpoint version, kept by save() for a rollback. */
  readCheckpoint: CheckpointReader;
}

export class RunDriver {
  #live: LiveRun;
  readonly #port: RunPort;
  /** The round in flight's reports combined so far; null until needed (after a restart, replayed from storage). */
  #aggregate: RoundAggregate | null = null;

  constructor(live: LiveRun, port: RunPort) {
    this.#live = live;
    this.#port = port;
  }

  get live(): LiveRun {
    return this.#live;
  }

  #take(changes: RunChanges): void {
    if (!hasChanges(changes)) return;
    this.#port.save(changes);
    this.#live = applyChanges(this.#live, changes);
    if (changes.round) this.#aggregate = null;
  }

  /** The round's reported deltas, in task order. */
  #roundReports(): RoundReport[] {
    return [...this.#live.tasks.values()].flatMap((task) => (task.report?.encoding ? [{ taskId: task.id, lease: task.report.lease, samples: task.report.samples, encoding: task.report.encoding }] : []));
  }

  #roundAggregate(): RoundAggregate {
    if (!this.#aggregate) {
      const layout = stateLayout(this.#live.state);
      this.#aggregate = new RoundAggregate(layout.length, this.#live.config.fleet, statisticRanges(this.#live.state, layout));
      if (isRoundWork(this.#live.run.work)) this.#aggregate.replay(this.#roundReports(), this.#port.readDeltaChunk);
    }
    return this.#aggregate;
  }

  /** Closes the round in flight when it is due at `now`. */
  #closeIfDue(now: number): boolean {
    let combinedNow = false;
    const combined = () => {
      combinedNow = true;
      return this.#roundAggregate().combined(this.#roundReports(), this.#port.readDeltaChunk);
    };
    try {
      const round = closeDueRound(currentStep(this.#live), this.#context(now), combined, () => this.#roundAggregate().meanSquaredNorm());
      if (round) this.#take({ ...noChanges(), round });
      return round !== null;
    } finally {
      // combined() spends the aggregate; should the close fail, the next call replays it from storage.
      if (combinedNow) this.#aggregate = null;
    }
  }

  #context(now: number): RunContext {
    return { ...runContext(this.#live, now), readCheckpoint: this.#port.readCheckpoint };
  }

  /** Rolls the run back when enough volunteers report that training on its state diverged. */
  #rollBackIfDiverged(now: number): boolean {
    const context = this.#context(now);
    const reason = divergenceReason(this.#live, context.volunteersAtWork);
    if (reason === null) return false;
    this.#take({ ...noChanges(), round: rollBack(currentStep(this.#live), context, reason) });
    return true;
  }

  /**
   * Leases past their deadline go back to the queue; a replica that waited a lease timeout for a
   * copy to check it is taken unchecked; a round past its quorum's grace closes.
   */
  expire(now: number): void {
    this.#take({ ...noChanges(), tasks: expiredLeases(this.#live.tasks.values(), now) });
    for (const task of this.#live.tasks.values()) {
      const candidate = unchecked(task, now, this.#live.config.fleet.leaseSeconds);
      if (candidate) this.#takeCandidate(task, candidate, now);
    }
    this.#closeIfDue(now);
  }

  #takeCandidate(task: TaskRecord, candidate: TaskReport, now: number): void {
    const aggregate = candidate.encoding ? this.#roundAggregate() : null;
    const booked = takeReport(this.#live.run, { ...task, candidates: [] }, candidate, this.#live.volunteers.get(candidate.volunteerId), now);
    const tasks = [...this.#live.tasks.values()].map((t) => (t.id === task.id ? booked.task : t));
    this.#take({ ...noChanges(), run: noteQuorum(booked.run, tasks, this.#live.config.fleet, now), tasks: [booked.task], volunteers: [booked.volunteer] });
    if (!aggregate || !candidate.encoding) return;
    const flat = storedDelta(this.#port.readDeltaChunk, { taskId: task.id, lease: candidate.lease, samples: candidate.samples, encoding: candidate.encoding }, new Float32Array(aggregate.length));
    aggregate.add(flat, candidate.samples, flatNorm(flat));
  }

  lease(request: LeaseRequest, now: number): Outcome<LeaseReply> {
    this.expire(now);
    const leased = leaseStep(this.#live, request, now);
    if (!leased.ok) return leased;
    this.#take(leased.value.changes);
    return accept(leased.value.reply);
  }

  release(claims: LeaseClaims, volunteerKey: string): Outcome<{ taskId: string }> {
    const released = releaseStep(this.#live, claims, volunteerKey);
    if (!released.ok) return released;
    this.#take(released.value.changes);
    return accept({ taskId: released.value.taskId });
  }

  /**
   * A report is saved with its delta first, then added to the round's aggregate, and the round it
   * completes is closed in a second step: a failure between the two leaves the report booked and
   * the round due, to close at the next call.
   */
  report(input: ReportInput, now: number): Outcome<ReportReceipt> {
    const booked = reportStep(this.#live, input, now, this.#port.readDeltaChunk);
    if (!booked.ok) return booked;
    const { receipt, changes, delta } = booked.value;
    const aggregate = delta ? this.#roundAggregate() : null;
    this.#take(changes);
    if (delta) aggregate!.add(delta.flat, delta.samples, delta.norm);
    if (!hasChanges(changes) || !(this.#rollBackIfDiverged(now) || this.#closeIfDue(now))) return accept(receipt);
    return accept({ ...receipt, version: this.#live.run.version, roundClosed: true });
  }

  control(action: RunControl, now: number): Outcome<RunProgress> {
    const changes = controlStep(this.#live, action, now);
    if (!changes.ok) return changes;
    this.#take(changes.value);
    return accept(this.progress(now));
  }

  /** The task as its volunteer receives it under one of its leases, signed by the caller. */
  view(task: TaskRecord, lease: LeaseRecord, leaseToken: string): LeasedTask {
    return taskView(this.#live.run, task, lease, leaseToken, this.#live);
  }

  progress(now: number): RunProgress {
    const { run, config, layout, tasks, volunteers } = this.#live;
    return runProgress({ run, config, layout, tasks: [...tasks.values()], volunteers: volunteers.values(), now });
  }

  /** Leases volunteers asking now could get without waiting (lease-step.ts). */
  openWork(): number {
    return openWork(this.#live);
  }

  /** When expire() next has work: a lease runs out or a round's grace after its quorum ends; null for neither. */
  nextDeadline(): number | null {
    const { leaseSeconds } = this.#live.config.fleet;
    const waiting = [...this.#live.tasks.values()].flatMap((task) => (!task.report && task.leases.length === 0 && task.candidates.length > 0 ? [Math.max(...task.candidates.map((c) => c.reportedAt)) + leaseSeconds * 1000] : []));
    const times = [earliestDeadline(this.#live.tasks.values()), quorumCloseAt(this.#live.run, this.#live.config.fleet), ...waiting].filter((t): t is number => t !== null);
    return times.length > 0 ? Math.min(...times) : null;
  }
}
