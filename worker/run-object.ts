// One Durable Object per run: a thin shell around the run's driver (shared/run). It loads the run
// once, verifies lease tokens, saves every step's changes to SQLite before it answers, keeps the
// alarm on the earliest lease deadline, streams progress to the dashboards and tells the assigning
// object what the run could use of the fleet.
import { DurableObject } from 'cloudflare:workers';
import type { RunConfig } from '../shared/config/run-config.ts';
import { datasetLayout } from '../shared/dataset/index.ts';
import { decodeReport, MAX_REPORT_HEADER_BYTES, volunteerLabel, type LeaseRequest, type LeasedTask, type ReportReceipt, type RunProgress, type RunSummary, type Task } from '../shared/protocol/index.ts';
import { accept, createRun, layoutProblem, liveRun, noChanges, refuse, RunDriver, runDemand, runSummary, type LeaseRecord, type LeaseReply, type LiveRun, type Outcome, type RunControl, type TaskRecord } from '../shared/run/index.ts';
import type { StateManifest } from '../shared/state/index.ts';
import type { Env } from './env.ts';
import { ProgressEvents } from './progress-events.ts';
import { ASSIGNER_NAME } from './run-assigner.ts';
import { DemandPush } from './run/demand-push.ts';
import { importLeaseKey, signLeaseToken, verifyLeaseToken, type LeaseClaims } from './run/lease-token.ts';
import { NewVolunteerLimit, newVolunteersPerHour } from './run/new-volunteer-limit.ts';
import { WaitingVolunteers } from './run/waiting-volunteers.ts';
import { RunStore } from './storage/run-store.ts';
import { loadRun, loadVersion, saveChanges, saveNewRun } from './storage/saved-run.ts';

/** Room for the tensor bundle's name list on top of the state's own bytes. */
const REPORT_SLACK_BYTES = 256 * 1024;

const notFound = refuse(404, 'no such run');

export class RunObject extends DurableObject<Env> {
  #store: RunStore;
  #driver: RunDriver | null = null;
  #manifest: StateManifest | null = null;
  #leaseKey: CryptoKey | null = null;
  #events = new ProgressEvents();
  #newVolunteers: NewVolunteerLimit;
  #waiting = new WaitingVolunteers();
  #demand: DemandPush;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#newVolunteers = new NewVolunteerLimit(newVolunteersPerHour(env.NEW_VOLUNTEERS_PER_HOUR));
    this.#store = new RunStore(ctx.storage.sql);
    this.#demand = new DemandPush({
      read: () => {
        const live = this.#driver!.live;
        return live.run.status === 'done' ? null : runDemand(live);
      },
      send: (demand) => env.ASSIGNER.getByName(ASSIGNER_NAME).updateDemand(this.#driver!.live.run.id, demand),
      keepAlive: (sending) => ctx.waitUntil(sending),
      onError: (error) => console.error(`run ${this.#driver!.live.run.id}: the assigner did not take its demand (sent again after the next step):`, error),
    });
    void ctx.blockConcurrencyWhile(async () => {
      this.#leaseKey = env.LEASE_SECRET ? await importLeaseKey(env.LEASE_SECRET) : null;
      const saved = loadRun(this.#store);
      if (!saved) return;
      this.#open(saved.live, saved.manifest);
      // A woken object has sent nothing yet: the assigner may hold a demand from before a lost push.
      this.#demand.changed();
    });
  }

  #open(live: LiveRun, manifest: StateManifest): void {
    this.#manifest = manifest;
    this.#driver = new RunDriver(live, {
      // One transaction per step: a failure leaves neither the rows nor the driver changed.
      save: (changes) => {
        this.#manifest = this.ctx.storage.transactionSync(() => saveChanges(this.#store, changes, this.#manifest));
      },
      readDeltaChunk: (taskId, lease, chunk) => this.#store.readDeltaChunk(taskId, lease, chunk),
      readCheckpoint: (version) => loadVersion(this.#store, version),
    });
  }

  create(id: string, config: RunConfig): Outcome<RunProgress> {
    if (this.#driver) return refuse(409, `run ${this.#driver.live.run.id} already exists`);
    const now = Date.now();
    const layout = datasetLayout(config.dataset);
    const problem = layoutProblem(layout);
    if (problem) return refuse(400, problem);
    const step = createRun(id, { config, layout, now });
    const manifest = this.ctx.storage.transactionSync(() => saveNewRun(this.#store, config, { ...noChanges(), round: step }));
    this.#open(liveRun(step, config, [], layout), manifest);
    this.#demand.changed();
    return accept(this.#driver!.progress(now));
  }

  progress(): RunProgress | null {
    return this.#driver && this.#driver.progress(Date.now());
  }

  /** The config the run was created with: it never changes. */
  config(): RunConfig | null {
    return this.#driver && this.#driver.live.config;
  }

  summary(): RunSummary | null {
    return this.#driver && runSummary(this.#driver.progress(Date.now()));
  }

  /** `address` is the client's (CF-Connecting-IP): it may bring only so many new volunteers an hour. */
  async lease(request: LeaseRequest, address: string): Promise<Outcome<Task>> {
    const driver = this.#driver;
    if (!driver) return notFound;
    const key = this.#leaseKey;
    if (!key) return refuse(503, 'the coordinator has no LEASE_SECRET, so it cannot sign leases');
    const now = Date.now();
    if (!driver.live.volunteers.has(volunteerLabel(request.volunteerKey))) {
      const wait = this.#newVolunteers.admit(address, now);
      if (wait > 0) return refuse(429, `address ${address} brought ${this.#newVolunteers.perHour} new volunteers to this run within the last hour; a volunteer keeps its key, so a new one from this address may join in ${wait} s`);
    }
    const leased = await this.#leaseOrHold(driver, request, now);
    if (!leased.ok) return leased;
    const reply = leased.value;
    if (reply.kind !== 'task') {
      this.#afterStep();
      return accept(reply);
    }
    // The view is built before any await, from one consistent state of the run.
    const signed = this.#signedView(driver, reply.task, reply.lease, key);
    await this.#scheduleAlarm();
    this.#afterStep();
    return accept(await signed);
  }

  /**
   * A volunteer the round has no work for waits here until a step opens some, or until a straggler
   * may get a backup copy (the wait the driver names), and is then told to ask again at once. The
   * lease goes to the new ask, never to the held one: a volunteer that stopped while held (its
   * connection gone) would take a task nobody works on.
   */
  async #leaseOrHold(driver: RunDriver, request: LeaseRequest, now: number): Promise<Outcome<LeaseReply>> {
    const leased = driver.lease(request, now);
    if (!leased.ok || leased.value.kind !== 'wait' || driver.live.run.status !== 'running' || request.hold === false) return leased;
    this.#afterStep();
    await this.#waiting.hold(leased.value.seconds * 1000);
    return accept({ kind: 'wait', seconds: 0 });
  }

  #signedView(driver: RunDriver, task: TaskRecord, lease: LeaseRecord, key: CryptoKey): Promise<LeasedTask> {
    const view = driver.view(task, lease, '');
    const claims = { taskId: task.id, lease: lease.lease, version: task.version, deadline: lease.deadline };
    return signLeaseToken(key, driver.live.run.id, claims).then((leaseToken) => ({ ...view, leaseToken }));
  }

  async #claims(leaseToken: string): Promise<Outcome<LeaseClaims>> {
    if (!this.#leaseKey) return refuse(503, 'the coordinator has no LEASE_SECRET, so it cannot check leases');
    const verified = await verifyLeaseToken(this.#leaseKey, this.#driver!.live.run.id, leaseToken);
    return verified.ok ? accept(verified.value) : refuse(401, verified.error);
  }

  async release(leaseToken: string, volunteerKey: string): Promise<Outcome<{ taskId: string }>> {
    if (!this.#driver) return notFound;
    const claims = await this.#claims(leaseToken);
    if (!claims.ok) return claims;
    const released = this.#driver.release(claims.value, volunteerKey);
    if (!released.ok) return released;
    await this.#scheduleAlarm();
    this.#afterStep();
    return released;
  }

  /** Largest report body worth reading: a delta is as big as the state it changes. */
  reportLimit(): number | null {
    return this.#manifest && this.#manifest.totalBytes + REPORT_SLACK_BYTES + MAX_REPORT_HEADER_BYTES;
  }

  async report(body: Uint8Array): Promise<Outcome<ReportReceipt>> {
    if (!this.#driver) return notFound;
    const decoded = decodeReport(body);
    if (!decoded.ok) return refuse(400, decoded.error);
    const { header, payload } = decoded.value;
    const claims = await this.#claims(header.leaseToken);
    if (!claims.ok) return claims;
    // From here on nothing awaits until the report is saved: no other call interleaves.
    const receipt = this.#driver.report({ claims: claims.value, header, payload }, Date.now());
    if (!receipt.ok) return receipt;
    await this.#scheduleAlarm();
    this.#afterStep();
    return receipt;
  }

  manifest(version: number): Outcome<StateManifest> {
    if (!this.#driver || !this.#manifest) return notFound;
    const current = this.#driver.live.run.version;
    const manifest = version === current ? this.#manifest : this.#store.readManifest(version);
    if (manifest) return accept(manifest);
    return version > current
      ? refuse(404, `version ${version} does not exist yet; the run is at version ${current}`)
      : refuse(410, `version ${version} is gone (no lease needs it any more); the run is at version ${current}`);
  }

  shard(hash: string): Uint8Array | null {
    return this.#store.readShard(hash);
  }

  control(action: RunControl): Outcome<RunProgress> {
    if (!this.#driver) return notFound;
    const controlled = this.#driver.control(action, Date.now());
    if (controlled.ok) this.#afterStep();
    return controlled;
  }

  subscribe(): ReadableStream<Uint8Array> | null {
    return this.#driver && this.#events.subscribe(JSON.stringify(this.#driver.progress(Date.now())));
  }

  override async alarm(): Promise<void> {
    if (!this.#driver) return;
    this.#driver.expire(Date.now());
    await this.#scheduleAlarm();
    this.#afterStep();
  }

  /** The alarm follows the earliest lease deadline; a millisecond past it, the lease has expired. */
  async #scheduleAlarm(): Promise<void> {
    const deadline = this.#driver && this.#driver.nextDeadline();
    if (deadline === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(deadline + 1);
  }

  /** After a step: dashboards and the assigner hear of it, and volunteers held for work get what it opened. */
  #afterStep(): void {
    if (!this.#driver) return;
    this.#demand.changed();
    if (this.#events.listening) this.#events.publish(JSON.stringify(this.#driver.progress(Date.now())));
    if (this.#waiting.size > 0) this.#waiting.wake(this.#driver.openWork());
  }
}
