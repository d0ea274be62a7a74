// One Durable Object per run: a thin shell that loads the run once, answers small typed RPC
// calls with the pure functions of run/, and writes every change to SQLite before it answers.
import { DurableObject } from 'cloudflare:workers';
import type { RunConfig } from '../shared/config/run-config.ts';
import { transition } from '../shared/controller/index.ts';
import { datasetLayout } from '../shared/dataset/index.ts';
import { decodeReport, MAX_REPORT_HEADER_BYTES, type LeaseRequest, type LeasedTask, type RunProgress, type RunSummary, type Task } from '../shared/protocol/index.ts';
import type { StateManifest } from '../shared/state/index.ts';
import type { Env } from './env.ts';
import { ProgressEvents } from './progress-events.ts';
import { checkPayload } from './run/check-payload.ts';
import { createRun, layoutProblem } from './run/create-run.ts';
import { importLeaseKey, signLeaseToken, verifyLeaseToken } from './run/lease-token.ts';
import { accept, refuse, type Outcome } from './run/outcome.ts';
import { runProgress, runSummary } from './run/progress.ts';
import { earliestDeadline, expiredLeases, heldBy, leaseTask, nextQueued, returnToQueue } from './run/queue.ts';
import { recordReport } from './run/record-report.ts';
import type { TaskRecord } from './run/run-record.ts';
import { checkReport } from './run/report-check.ts';
import { taskView } from './run/task-view.ts';
import { seeVolunteer } from './run/volunteers.ts';
import { finishRun } from './run/work-start.ts';
import { loadLiveRun, saveRound, type LiveRun } from './storage/live-run.ts';
import { RunStore } from './storage/run-store.ts';
import { saveReport } from './storage/save-report.ts';

const PAUSED_WAIT_SECONDS = 10;
/** Every task of the round is out: ask again soon, a report or an expiry frees the next work. */
const BUSY_WAIT_SECONDS = 3;
/** Room for the tensor bundle's name list on top of the state's own bytes. */
const REPORT_SLACK_BYTES = 256 * 1024;

export interface ReportReceipt {
  taskId: string;
  /** The run's version after the report: one more than the task's when it closed a train round. */
  version: number;
  roundClosed: boolean;
}

export type RunControl = 'pause' | 'resume' | 'cancel';

const notFound = refuse(404, 'no such run');

export class RunObject extends DurableObject<Env> {
  #store: RunStore;
  #live: LiveRun | null = null;
  #leaseKey: CryptoKey | null = null;
  #events = new ProgressEvents();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new RunStore(ctx.storage.sql);
    void ctx.blockConcurrencyWhile(async () => {
      this.#leaseKey = env.LEASE_SECRET ? await importLeaseKey(env.LEASE_SECRET) : null;
      this.#live = loadLiveRun(this.#store);
    });
  }

  create(id: string, config: RunConfig): Outcome<RunProgress> {
    if (this.#live) return refuse(409, `run ${this.#live.run.id} already exists`);
    const ctx = { config, layout: datasetLayout(config.dataset), now: Date.now() };
    const problem = layoutProblem(ctx.layout);
    if (problem) return refuse(400, problem);
    const step = createRun(id, ctx);
    this.#live = this.ctx.storage.transactionSync(() => {
      this.#store.writeConfig(config);
      return saveRound(this.#store, null, step, config);
    });
    return accept(this.#progress(this.#live, ctx.now));
  }

  progress(): RunProgress | null {
    return this.#live && this.#progress(this.#live, Date.now());
  }

  /** The config the run was created with: it never changes. */
  config(): RunConfig | null {
    return this.#live && this.#live.config;
  }

  summary(): RunSummary | null {
    return this.#live && runSummary(this.#progress(this.#live, Date.now()));
  }

  async lease({ volunteerId, backend }: LeaseRequest): Promise<Outcome<Task>> {
    const live = this.#live;
    if (!live) return notFound;
    const key = this.#leaseKey;
    if (!key) return refuse(503, 'the coordinator has no LEASE_SECRET, so it cannot sign leases');
    const now = Date.now();
    this.#expireLeases(live, now);
    const volunteer = seeVolunteer(live.volunteers.get(volunteerId), volunteerId, backend, now);
    this.#store.writeVolunteer(volunteer);
    live.volunteers.set(volunteerId, volunteer);
    const { run } = live;
    const held = run.status === 'running' ? heldBy(live.tasks.values(), volunteerId) : undefined;
    if (held) return accept(await this.#signedView(live, held, key));
    const queued = run.status === 'running' ? nextQueued(live.tasks.values()) : undefined;
    if (!queued) {
      this.#publish();
      if (run.status === 'done') return accept({ kind: 'done', reason: run.doneReason ?? 'finished' });
      return accept({ kind: 'wait', seconds: run.status === 'paused' ? PAUSED_WAIT_SECONDS : BUSY_WAIT_SECONDS });
    }

    const task = leaseTask(queued, volunteerId, now + live.config.fleet.leaseSeconds * 1000);
    this.#store.writeTask(task);
    live.tasks.set(task.id, task);
    const signed = this.#signedView(live, task, key);
    await this.#scheduleAlarm();
    this.#publish();
    return accept(await signed);
  }

  /** The view is built before any await, from one consistent state of the run; only the signature comes later. */
  #signedView(live: LiveRun, task: TaskRecord, key: CryptoKey): Promise<LeasedTask> {
    const view = taskView(live.run, task, '', live);
    return signLeaseToken(key, live.run.id, { taskId: task.id, lease: task.lease, version: task.version, deadline: view.deadline }).then((leaseToken) => ({ ...view, leaseToken }));
  }

  async release(leaseToken: string): Promise<Outcome<{ taskId: string }>> {
    if (!this.#live) return notFound;
    if (!this.#leaseKey) return refuse(503, 'the coordinator has no LEASE_SECRET, so it cannot check leases');
    const verified = await verifyLeaseToken(this.#leaseKey, this.#live.run.id, leaseToken);
    if (!verified.ok) return refuse(401, verified.error);
    const live = this.#live;
    const task = live.tasks.get(verified.claims.taskId);
    if (!task || task.status !== 'leased' || task.lease !== verified.claims.lease) {
      return refuse(409, `lease ${verified.claims.lease} of task ${verified.claims.taskId} is not held: nothing to release`);
    }
    const queued = returnToQueue(task);
    this.#store.writeTask(queued);
    live.tasks.set(queued.id, queued);
    await this.#scheduleAlarm();
    this.#publish();
    return accept({ taskId: task.id });
  }

  /** Largest report body worth reading: a delta is as big as the state it changes. */
  reportLimit(): number | null {
    return this.#live && this.#live.manifest.totalBytes + REPORT_SLACK_BYTES + MAX_REPORT_HEADER_BYTES;
  }

  async report(body: Uint8Array): Promise<Outcome<ReportReceipt>> {
    if (!this.#live) return notFound;
    if (!this.#leaseKey) return refuse(503, 'the coordinator has no LEASE_SECRET, so it cannot check leases');
    const decoded = decodeReport(body);
    if (!decoded.ok) return refuse(400, decoded.error);
    const { header, payload } = decoded;
    const verified = await verifyLeaseToken(this.#leaseKey, this.#live.run.id, header.leaseToken);
    if (!verified.ok) return refuse(401, verified.error);

    // From here on nothing awaits until the report is written: no other call interleaves.
    const live = this.#live;
    const now = Date.now();
    const checked = checkReport(live.run, live.tasks.get(header.taskId), verified.claims, header, now);
    if (!checked.ok) return checked;
    const delta = checkPayload(header.kind, payload, live.state, live.config.fleet);
    if (!delta.ok) return delta;

    const booked = recordReport(live.run, checked.value, live.volunteers.get(checked.value.volunteerId!), header, now);
    const saved = this.ctx.storage.transactionSync(() => saveReport(this.#store, live, booked, delta.value ? payload : null, now));
    this.#live = saved.live;
    await this.#scheduleAlarm();
    this.#publish();
    return accept({ taskId: header.taskId, version: saved.live.run.version, roundClosed: saved.roundClosed });
  }

  manifest(version: number): Outcome<StateManifest> {
    const live = this.#live;
    if (!live) return notFound;
    const manifest = version === live.run.version ? live.manifest : this.#store.readManifest(version);
    if (manifest) return accept(manifest);
    return version > live.run.version
      ? refuse(404, `version ${version} does not exist yet; the run is at version ${live.run.version}`)
      : refuse(410, `version ${version} is gone (no lease needs it any more); the run is at version ${live.run.version}`);
  }

  shard(hash: string): Uint8Array | null {
    return this.#store.readShard(hash);
  }

  control(action: RunControl): Outcome<RunProgress> {
    const live = this.#live;
    if (!live) return notFound;
    if (live.run.status === 'done') return refuse(409, `run ${live.run.id} is over (${live.run.doneReason}); it cannot ${action}`);
    const now = Date.now();
    if (action === 'cancel') {
      const step = finishRun({ run: { ...live.run, updatedAt: now }, state: live.state, tasks: [] }, 'cancelled');
      this.#live = this.ctx.storage.transactionSync(() => saveRound(this.#store, live, step, live.config));
    } else if (action === 'pause') {
      live.run = { ...live.run, status: 'paused', updatedAt: now };
      this.#store.writeRun(live.run);
    } else if (live.run.status === 'paused') {
      // The controller hears of the restart; its resync effects are not needed, because this
      // object kept its work (round, AdamInit pass, rate) in storage and goes on from there.
      const [controller] = transition(live.run.controller, { type: 'run-resumed' }, live.config);
      live.run = { ...live.run, controller, status: 'running', updatedAt: now };
      this.#store.writeRun(live.run);
    }
    this.#publish();
    return accept(this.#progress(this.#live!, now));
  }

  subscribe(): ReadableStream<Uint8Array> | null {
    return this.#live && this.#events.subscribe(JSON.stringify(this.#progress(this.#live, Date.now())));
  }

  override async alarm(): Promise<void> {
    const live = this.#live;
    if (!live) return;
    this.#expireLeases(live, Date.now());
    await this.#scheduleAlarm();
    this.#publish();
  }

  #expireLeases(live: LiveRun, now: number): void {
    for (const task of expiredLeases(live.tasks.values(), now)) {
      this.#store.writeTask(task);
      live.tasks.set(task.id, task);
    }
  }

  /** The alarm follows the earliest lease deadline; a millisecond past it, the lease has expired. */
  async #scheduleAlarm(): Promise<void> {
    const deadline = this.#live && earliestDeadline(this.#live.tasks.values());
    if (deadline === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(deadline + 1);
  }

  #progress(live: LiveRun, now: number): RunProgress {
    return runProgress({ run: live.run, config: live.config, layout: live.layout, tasks: [...live.tasks.values()], volunteers: live.volunteers.values(), now });
  }

  #publish(): void {
    if (this.#live && this.#events.listening) this.#events.publish(JSON.stringify(this.#progress(this.#live, Date.now())));
  }
}
