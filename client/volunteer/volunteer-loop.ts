// The volunteer loop: lease a task, wait or stop when told to, run it, report, and again.
// Failures are told to the listener in words and retried with backoff; pause and stop give the
// lease in hand back to the coordinator.
import type { Task } from '../../shared/protocol/index.ts';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from './backoff.ts';
import type { CoordinatorClient } from '../coordinator/index.ts';
import type { DeltaEncoding } from '../../shared/delta/index.ts';
import { volunteerLabel } from '../../shared/protocol/index.ts';
import type { TaskExecutor } from '../tasks/execute-task.ts';
import { VolunteerMemory } from '../tasks/volunteer-memory.ts';
import { runLeasedTask, type TaskOutcome, type TaskRecovery } from './leased-task.ts';
import { TaskInputCache } from './task-inputs.ts';
import { initialStatus, type VolunteerEnd, type VolunteerEvent, type VolunteerListener, type VolunteerStatus } from './volunteer-status.ts';

export interface VolunteerOptions {
  client: CoordinatorClient;
  runId: string;
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

export class Volunteer {
  readonly #options: VolunteerOptions;
  readonly #inputs: TaskInputCache;
  /** One run's momentum and error feedback, kept while this volunteer works for it. */
  readonly #memory: VolunteerMemory;
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

  /** Works until the run is over, maxTasks is reached, stop() is called or the run refuses it. */
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
    const { client, runId, volunteerKey, maxTasks } = this.#options;
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
      this.#update({ activity: 'leasing' }, { type: 'activity' });
      const leased = await client.lease(runId, { volunteerKey, backend: this.#status.backend }, signal);
      if (signal.aborted) {
        await this.#giveBackUnseenLease();
        continue;
      }
      if (!leased.ok && !leased.retry) return { reason: 'failed', error: leased.error };
      const outcome = leased.ok ? await this.#handle(leased.value, signal) : leased;
      if ('reason' in outcome) return outcome;
      if (outcome.ok) failures = 0;
      else if (!signal.aborted) await this.#backOff(outcome.error, ++failures, signal);
    }
  }

  async #handle(task: Task, signal: AbortSignal): Promise<TaskOutcome | VolunteerEnd> {
    if (task.kind === 'done') {
      await this.#refreshRunView(true);
      return { reason: task.reason };
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
   * A lease request stopped in flight may have been granted all the same, and nobody would work on
   * that task until its lease ran out. Asking again (at once, not held) names the task this
   * volunteer holds, or leases one; either goes straight back.
   */
  async #giveBackUnseenLease(): Promise<void> {
    const { client, runId, volunteerKey } = this.#options;
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
    if (!force && Date.now() - this.#runViewAt < RUN_VIEW_INTERVAL_MS) return;
    this.#runViewAt = Date.now();
    const progress = await this.#options.client.runProgress(this.#options.runId, this.#abort.signal);
    if (!progress.ok) return;
    const { status, phase, architecture, epoch } = progress.value;
    this.#update({ run: { status, phase, architecture: architecture.name, epoch } }, { type: 'run' });
  }

  #update(patch: Partial<VolunteerStatus>, event: VolunteerEvent): void {
    this.#status = { ...this.#status, ...patch };
    this.#options.onUpdate?.(this.#status, event);
  }
}
