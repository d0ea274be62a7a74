// The run's life in one place: the coordinator's Durable Object, the in-process runner and the
// fleet simulator all drive a run through this class. Each call runs one pure step, hands its
// changes to the port (which saves them, or throws and so changes nothing) and then takes them in.
import type { LeaseRequest, LeasedTask, ReportReceipt, RunProgress } from '../protocol/index.ts';
import type { LeaseClaims } from './lease-claims.ts';
import { leaseStep, type LeaseReply } from './lease-step.ts';
import type { LiveRun } from './live-run.ts';
import { accept, type Outcome } from './outcome.ts';
import { controlStep, type RunControl } from './control-step.ts';
import { runProgress } from './progress.ts';
import { earliestDeadline, expiredLeases } from './queue.ts';
import { releaseStep } from './release-step.ts';
import { reportStep, type ReportInput } from './report-step.ts';
import { applyChanges, hasChanges, noChanges, type RunChanges } from './run-changes.ts';
import type { TaskRecord } from './run-record.ts';
import { taskView } from './task-view.ts';

export interface RunPort {
  /** Saves a step's changes before the run takes them in; throwing refuses them all. */
  save(changes: RunChanges): void;
  /** The delta bytes a report of the round in flight left with save(). */
  readDelta(taskId: string): Uint8Array;
}

export class RunDriver {
  #live: LiveRun;
  readonly #port: RunPort;

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
  }

  /** Leases past their deadline go back to the queue. */
  expire(now: number): void {
    this.#take({ ...noChanges(), tasks: expiredLeases(this.#live.tasks.values(), now) });
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

  report(input: ReportInput, now: number): Outcome<ReportReceipt> {
    const stepped = reportStep(this.#live, input, now, (taskId) => this.#port.readDelta(taskId));
    if (!stepped.ok) return stepped;
    this.#take(stepped.value.changes);
    return accept(stepped.value.receipt);
  }

  control(action: RunControl, now: number): Outcome<RunProgress> {
    const changes = controlStep(this.#live, action, now);
    if (!changes.ok) return changes;
    this.#take(changes.value);
    return accept(this.progress(now));
  }

  /** The task as its volunteer receives it, signed by the caller. */
  view(task: TaskRecord, leaseToken: string): LeasedTask {
    return taskView(this.#live.run, task, leaseToken, this.#live);
  }

  progress(now: number): RunProgress {
    const { run, config, layout, tasks, volunteers } = this.#live;
    return runProgress({ run, config, layout, tasks: [...tasks.values()], volunteers: volunteers.values(), now });
  }

  /** When the next lease expires; null when nothing is leased. */
  nextDeadline(): number | null {
    return earliestDeadline(this.#live.tasks.values());
  }
}
