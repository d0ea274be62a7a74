// The volunteer loop: lease a task, wait or stop when told to, run it, report, and again. A
// volunteer that names no run asks the coordinator which run before each lease and follows it.
// Failures are told to the listener in words and retried with backoff; pause and stop give the
// lease in hand back to the coordinator.
import type { Task } from '../../shared/protocol/index.ts';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from './backoff.ts';
import type { CoordinatorClient, Fetched } from '../coordinator/index.ts';
import type { DeltaEncoding } from '../../shared/delta/index.ts';
import { volunteerLabel } from '../../shared/protocol/index.ts';
import type { TaskExecutor } from '../tasks/execute-task.ts';
import { VolunteerMemory } from '../tasks/volunteer-memory.ts';
import { runLeasedTask, type TaskOutcome, type TaskRecovery } from './leased-task.ts';
import { TaskInputCache } from './task-inputs.ts';
import { initialStatus, type VolunteerEnd, type VolunteerEvent, type VolunteerListener, type VolunteerStatus } from './volunteer-status.ts';

export interface VolunteerOptions {
  client: CoordinatorClient;
  /** The run to work for; null: the run the coordinator assigns, asked before each lease. */
  runId: string | null;
  /** The volunteer's own secret (volunteer-key.ts); its public label is derived from it. */
  volunteerKey: string;
  /** Named in every lease request and report: "webgpu", "wasm", "node-wasm". */
  backend: string;
  /** Runs a task on this machine's engine: executeTask, or a stand-in in tests. */
  execute: TaskExecutor;
  /** The delta encoding to report in when the run takes it (default: the run's preference). */
  encoding?: DeltaEncoding;
  recover?: TaskRecovery;
  /** Stop after this many accepted tasks. */
  maxTasks?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  onUpdate?: VolunteerListener;
}

/** How often the run's phase and architecture are read again, at most. */
const RUN_VIEW_INTERVAL_MS = 3000;

/**
 * After an assigned run said it is done, before asking for another: the run's object tells the
 * assigner as it finishes, and this keeps a volunteer that asks before the news lands from
 * asking in a tight loop.
 */
const FINISHED_RUN_PAUSE_MS = 250;

export class Volunteer {
  readonly #options: VolunteerOptions;
  readonly #inputs: TaskInputCache;
  /** One run's momentum and error feedback, kept while this volunteer works for it. */
  #memory: VolunteerMemory;
  #status: VolunteerStatus;
  #abort = new AbortController();
  #stopped = false;
  #resume: (() => void) | null = null;
  #ended: Promise<VolunteerEnd> | null = null;
  #runViewAt = 0;

  constructor(options: VolunteerOptions) {
    this.#options = options;
    this.#inputs = new TaskInputCache(options.client);
    this.#memory = new VolunteerMemory(options.encoding ?? null);
    this.#status = initialStatus(options.runId, volunteerLabel(options.volunteerKey), options.backend);
  }

  get status(): VolunteerStatus {
    return this.#status;
  }

  /**
   * Works until the run is over, maxTasks is reached, stop() is called or the run refuses it; a
   * volunteer the coordinator assigns goes on to the next run instead, until stop() or maxTasks.
   */
  run(): Promise<VolunteerEnd> {
    this.#ended ??= this.#loop().then((end) => {
      const activity = end.reason === 'failed' ? 'failed' : end.reason === 'stopped' ? 'stopped' : 'finished';
      this.#update({ activity, task: null, lease: null, ...(end.reason === 'failed' ? { problem: end.error } : {}) }, { type: 'activity' });
      return end;
    });
    return this.#ended;
  }

  /** Gives the lease in hand back and takes no new task until resume(). */
  pause(): void {
    if (this.#stopped || this.#resume) return;
    this.#resume = () => {};
    this.#abort.abort();
  }

  resume(): void {
    const resume = this.#resume;
    if (!resume) return;
    this.#resume = null;
    this.#abort = new AbortController();
    resume();
  }

  /** Ends the loop; resolves once the lease in hand is given back. */
  async stop(): Promise<VolunteerEnd> {
    this.#stopped = true;
    this.#abort.abort();
    this.#resume?.();
    return this.#ended ?? { reason: 'stopped' };
  }

  async #loop(): Promise<VolunteerEnd> {
    const { client, volunteerKey, maxTasks } = this.#options;
    let failures = 0;
    await this.#refreshRunView();
    for (;;) {
      if (this.#stopped) return { reason: 'stopped' };
      if (this.#resume) {
        this.#update({ activity: 'paused' }, { type: 'activity' });
        await new Promise<void>((resolve) => (this.#resume = resolve));
        continue;
      }
      if (maxTasks !== undefined && this.#status.tasksDone >= maxTasks) return { reason: 'max-tasks' };
      const signal = this.#abort.signal;
      const assigned = await this.#runForLease(signal);
      if (signal.aborted) continue;
      if (!assigned.ok) {
        if (!assigned.retry) return { reason: 'failed', error: assigned.error };
        await this.#backOff(assigned.error, ++failures, signal);
        continue;
      }
      const runId = assigned.value;
      if (runId === null) continue;
      this.#update({ activity: 'leasing' }, { type: 'activity' });
      const leased = await client.lease(runId, { volunteerKey, backend: this.#status.backend }, signal);
      if (signal.aborted) {
        await this.#giveBackUnseenLease(runId);
        continue;
      }
      // An assigned run that refuses this volunteer is no reason to stop: the next ask may name another.
      if (!leased.ok && !leased.retry && this.#options.runId !== null) return { reason: 'failed', error: leased.error };
      const outcome = leased.ok ? await this.#handle(leased.value, signal) : leased;
      if ('reason' in outcome) return outcome;
      if (outcome.ok) failures = 0;
      else if (!signal.aborted) await this.#backOff(outcome.error, ++failures, signal);
    }
  }

  async #handle(task: Task, signal: AbortSignal): Promise<TaskOutcome | VolunteerEnd> {
    if (task.kind === 'done') {
      await this.#refreshRunView(true);
      if (this.#options.runId !== null) return { reason: task.reason };
      await sleep(FINISHED_RUN_PAUSE_MS, signal);
      return { ok: true, value: null };
    }
    if (task.kind === 'wait') {
      this.#update({ activity: 'waiting' }, { type: 'activity' });
      await sleep(task.seconds * 1000, signal);
      await this.#refreshRunView();
      return { ok: true, value: null };
    }
    const outcome = await runLeasedTask(task, signal, {
      client: this.#options.client,
      inputs: this.#inputs,
      execute: this.#options.execute,
      memory: this.#memory,
      volunteerKey: this.#options.volunteerKey,
      ...(this.#options.recover ? { recover: this.#options.recover } : {}),
      policy: this.#options.backoff ?? DEFAULT_BACKOFF,
      random: this.#options.random ?? Math.random,
      status: () => this.#status,
      update: (patch, event) => this.#update(patch, event),
    });
    if (outcome.ok) await this.#refreshRunView();
    return outcome;
  }

  /**
   * The run of the next lease: the one named, else the one the coordinator assigns now. null: no
   * run has room, and the wait the coordinator asked for has passed (or was cut short by a stop).
   */
  async #runForLease(signal: AbortSignal): Promise<Fetched<string | null>> {
    if (this.#options.runId !== null) return { ok: true, value: this.#options.runId };
    const answer = await this.#options.client.assign(this.#options.volunteerKey, this.#status.runId, signal);
    if (!answer.ok) return answer;
    const assigned = answer.value;
    if (assigned.runId === null) {
      if (this.#status.assignment !== 'no room') this.#update({ assignment: 'no room' }, { type: 'assigned' });
      this.#update({ activity: 'waiting' }, { type: 'activity' });
      // The run it last worked for may have ended since: the view shows how.
      await this.#refreshRunView();
      await sleep(assigned.waitSeconds * 1000, signal);
      return { ok: true, value: null };
    }
    if (assigned.runId !== this.#status.runId) {
      // Momentum and error feedback belong to the state of the run they came from.
      this.#memory = new VolunteerMemory(this.#options.encoding ?? null);
      this.#update({ runId: assigned.runId, assignment: assigned.reason, run: null }, { type: 'assigned' });
      await this.#refreshRunView(true);
    } else if (this.#status.assignment === 'no room') {
      this.#update({ assignment: assigned.reason }, { type: 'assigned' });
    }
    return { ok: true, value: assigned.runId };
  }

  /**
   * A lease request stopped in flight may have been granted all the same, and nobody would work on
   * that task until its lease ran out. Asking again (at once, not held) names the task this
   * volunteer holds, or leases one; either goes straight back.
   */
  async #giveBackUnseenLease(runId: string): Promise<void> {
    const { client, volunteerKey } = this.#options;
    const held = await client.lease(runId, { volunteerKey, backend: this.#status.backend, hold: false });
    if (held.ok && held.value.kind !== 'wait' && held.value.kind !== 'done') await client.release(runId, held.value.leaseToken, volunteerKey);
  }

  async #backOff(error: string, failures: number, signal: AbortSignal): Promise<void> {
    const waitMs = backoffDelay(failures, this.#options.backoff ?? DEFAULT_BACKOFF, this.#options.random ?? Math.random);
    const problem = `${error}; trying again in ${(waitMs / 1000).toFixed(1)} s`;
    this.#update({ activity: 'retrying', problem }, { type: 'problem', message: problem });
    await sleep(waitMs, signal);
  }

  /** Phase and architecture for the display; a failed read just keeps the last view. */
  async #refreshRunView(force = false): Promise<void> {
    const runId = this.#status.runId;
    if (runId === null || (!force && Date.now() - this.#runViewAt < RUN_VIEW_INTERVAL_MS)) return;
    this.#runViewAt = Date.now();
    const progress = await this.#options.client.runProgress(runId, this.#abort.signal);
    // A view that arrives after the volunteer moved on is of the run it left.
    if (!progress.ok || this.#status.runId !== runId) return;
    const { name, status, phase, architecture, epoch } = progress.value;
    this.#update({ run: { name, status, phase, architecture: architecture.name, epoch } }, { type: 'run' });
  }

  #update(patch: Partial<VolunteerStatus>, event: VolunteerEvent): void {
    this.#status = { ...this.#status, ...patch };
    this.#options.onUpdate?.(this.#status, event);
  }
}
