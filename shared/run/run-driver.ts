// The run's life in one place: the coordinator's Durable Object, the in-process runner and the
// fleet simulator all drive a run through this class. Each call runs one pure step, hands its
// changes to the port (which saves them, or throws and so changes nothing) and then takes them in.
// The round's aggregate (a running sum of its deltas) lives here, beside the live run.
import type { LeaseRequest, LeasedTask, ReportReceipt, RunProgress } from '../protocol/index.ts';
import { controlStep, type RunControl } from './control-step.ts';
import type { LeaseClaims } from './lease-claims.ts';
import { leaseStep, type LeaseReply } from './lease-step.ts';
import { currentStep, runContext, type LiveRun } from './live-run.ts';
import { accept, type Outcome } from './outcome.ts';
import { runProgress } from './progress.ts';
import { earliestDeadline, expiredLeases } from './queue.ts';
import { releaseStep } from './release-step.ts';
import { reportStep, type ReportInput } from './report-step.ts';
import { RoundAggregate, type RoundReport, type StoredChunk } from './round-aggregate.ts';
import { closeDueRound } from './round-closing.ts';
import { quorumCloseAt } from './round-due.ts';
import { applyChanges, hasChanges, noChanges, type RunChanges } from './run-changes.ts';
import { isRoundWork, type LeaseRecord, type TaskRecord } from './run-record.ts';
import { stateLayout } from './state-layout.ts';
import { taskView } from './task-view.ts';

export interface RunPort {
  /** Saves a step's changes before the run takes them in; throwing refuses them all. */
  save(changes: RunChanges): void;
  /** One chunk (chunked-delta.ts) of a delta a report of the round in flight left with save(). */
  readDeltaChunk: StoredChunk;
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
    return [...this.#live.tasks.values()].flatMap((task) => (task.report?.encoding ? [{ taskId: task.id, samples: task.report.samples, encoding: task.report.encoding }] : []));
  }

  #roundAggregate(): RoundAggregate {
    if (!this.#aggregate) {
      this.#aggregate = new RoundAggregate(stateLayout(this.#live.state).length, this.#live.config.fleet);
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
      const round = closeDueRound(currentStep(this.#live), runContext(this.#live, now), combined);
      if (round) this.#take({ ...noChanges(), round });
      return round !== null;
    } finally {
      // combined() spends the aggregate; should the close fail, the next call replays it from storage.
      if (combinedNow) this.#aggregate = null;
    }
  }

  /** Leases past their deadline go back to the queue; a round past its quorum's grace closes. */
  expire(now: number): void {
    this.#take({ ...noChanges(), tasks: expiredLeases(this.#live.tasks.values(), now) });
    this.#closeIfDue(now);
  }

  lease(request: LeaseRequest, now: number): LeaseReply {
    this.expire(now);
    const { reply, changes } = leaseStep(this.#live, request, now);
    this.#take(changes);
    return reply;
  }

  release(claims: LeaseClaims): Outcome<{ taskId: string }> {
    const released = releaseStep(this.#live, claims);
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
    const booked = reportStep(this.#live, input, now);
    if (!booked.ok) return booked;
    const { receipt, changes, delta } = booked.value;
    const aggregate = delta ? this.#roundAggregate() : null;
    this.#take(changes);
    if (delta) aggregate!.add(delta.flat, delta.samples, delta.norm);
    if (!hasChanges(changes) || !this.#closeIfDue(now)) return accept(receipt);
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

  /** When expire() next has work: a lease runs out or a round's grace after its quorum ends; null for neither. */
  nextDeadline(): number | null {
    const times = [earliestDeadline(this.#live.tasks.values()), quorumCloseAt(this.#live.run, this.#live.config.fleet)].filter((t): t is number => t !== null);
    return times.length > 0 ? Math.min(...times) : null;
  }
}
