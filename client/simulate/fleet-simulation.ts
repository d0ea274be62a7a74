// The simulated fleet's clock and its volunteers: events in virtual time (joins, lease asks, task
// reports, departures) over one run whose volunteers name it, or over many runs whose volunteers
// name none and are given a run by the assigning object (shared/assign, at its own cost), as the
// coordinator gives them. Training is real, on this machine's engine; nothing reads a clock.
import { multiplyAccumulates } from '../../shared/architecture/index.ts';
import { assignRun } from '../../shared/assign/index.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import type { DeltaEncoding } from '../../shared/delta/index.ts';
import { deriveSeed, RandomGenerator } from '../../shared/random/generator.ts';
import { runDemand } from '../../shared/run/index.ts';
import { stateLayout } from '../../shared/run/state-layout.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { localReportBytes, reportLocally, runLocalTask, type LocalLease } from '../runner/local-task.ts';
import { OBJECT_REQUEST_SECONDS } from './coordinator-cost.ts';
import { dishonestOutput } from './dishonest-report.ts';
import { EventQueue } from './event-queue.ts';
import { FleetRun, SerialServer, type FleetProgress } from './fleet-run.ts';
import { FleetVolunteer } from './fleet-volunteer.ts';
import { drawVolunteer, type ProfileName } from './profiles.ts';

export interface FleetDraw {
  volunteers: number;
  profile: ProfileName;
  /** Chance that a volunteer leaves in the middle of a task (a replacement joins within a minute). */
  churn: number;
  /** Share of volunteers that report wrong results. */
  byzantine: number;
  seed: number;
  /** The fleet opens the page over this many seconds, not at one instant. */
  arrivalSeconds: number;
}

/** A replacement for a volunteer that left joins within this many seconds. */
const REJOIN_SECONDS = 60;
/** A run that is not done after this much simulated time is stuck. */
export const GIVE_UP_SECONDS = 30 * 86400;
/** A volunteer the assigning object has no run for asks again after this long. */
export const ASSIGN_WAIT_SECONDS = 5;
const BACKEND = 'simulated';
/** Mixed into the fleet's seed so that its draws are not the run's. */
const FLEET_STREAM = 0xf1ee7;

type FleetEvent =
  /** `hold` names the wait it ends (a newer wake or wait makes it moot); absent for a fresh ask. */
  | { kind: 'ask'; volunteer: FleetVolunteer; hold?: number }
  | { kind: 'deliver'; volunteer: FleetVolunteer; run: FleetRun; leased: LocalLease; body: Uint8Array; encoding: DeltaEncoding | null; receivedAt: number }
  | { kind: 'leave'; volunteer: FleetVolunteer; run: FleetRun; receivedAt: number }
  | { kind: 'join' };

export class FleetSimulation {
  readonly fleet: FleetVolunteer[] = [];
  readonly runs: FleetRun[] = [];
  now = 0;
  readonly #draw: FleetDraw;
  readonly #random: RandomGenerator;
  readonly #queue = new EventQueue<FleetEvent>();
  /** Volunteers name no run: the assigning object gives each one. */
  readonly #assigned: boolean;
  readonly #assigner = new SerialServer();
  readonly #edgeCache = new Set<string>();
  readonly #finished = new Map<string, (run: FleetRun) => void>();
  #closed = false;
  /** A run finished in the last event: the caller may add the runs that needed it, at this moment. */
  #justFinished = false;
  /** Most runs that had a task in a volunteer's hands at one moment. */
  mostRunsAtWork = 0;

  constructor(draw: FleetDraw, assigned: boolean) {
    this.#draw = draw;
    this.#assigned = assigned;
    // Its own stream: the run's seed draws the weights and shard order from RandomGenerator(seed) too.
    this.#random = new RandomGenerator(deriveSeed(draw.seed, FLEET_STREAM));
    for (let i = 0; i < draw.volunteers; i++) this.#join(this.#random.next() * draw.arrivalSeconds);
  }

  /** A run created now; resolves when it is done. */
  addRun(label: string, config: RunConfig, source: DatasetSource, onProgress: FleetProgress = () => {}): Promise<FleetRun> {
    const id = this.runs.length === 0 ? 'simulated' : `simulated-${this.runs.length + 1}`;
    const run = new FleetRun(id, label, config, source, this.now, this.#edgeCache, onProgress);
    this.runs.push(run);
    return new Promise((resolve) => this.#finished.set(run.id, resolve));
  }

  /** No more runs will be added: the simulation ends once those it has are done. */
  close(): void {
    this.#closed = true;
  }

  async run(): Promise<void> {
    for (;;) {
      if (this.runs.every((run) => run.done)) {
        if (this.#closed) return;
        // A run that finished may let a dependent run be added: the caller's continuations run first.
        await new Promise((resolve) => setImmediate(resolve));
        if (this.runs.every((run) => run.done) && !this.#closed) throw new Error('FleetSimulation: every run is done and none was added; call close()');
        continue;
      }
      const next = this.#queue.pop();
      if (!next) throw new Error('FleetSimulation: no volunteer is left and a run is not done');
      this.now = next.at;
      if (this.now > GIVE_UP_SECONDS) throw new Error(`FleetSimulation: not done after ${GIVE_UP_SECONDS / 86400} simulated days`);
      await this.#handle(next.event);
      this.mostRunsAtWork = Math.max(this.mostRunsAtWork, new Set(this.fleet.flatMap((v) => (v.workingFor === null ? [] : [v.workingFor]))).size);
      if (this.#justFinished) {
        this.#justFinished = false;
        // Every continuation of the finished run's promise runs before the clock moves on.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  #join(at: number): void {
    const random = this.#random;
    const volunteer = new FleetVolunteer(`sim-${this.fleet.length + 1}`, drawVolunteer(this.#draw.profile, random), random.next() < this.#draw.byzantine, at);
    this.fleet.push(volunteer);
    this.#queue.push(at, { kind: 'ask', volunteer });
  }

  #finish(run: FleetRun, at: number): void {
    if (!run.done || run.finishedAt !== null) return;
    run.finishedAt = at;
    this.#justFinished = true;
    this.#finished.get(run.id)!(run);
  }

  /** After a step of `run` at `at`: its epochs taken in, its held volunteers woken to ask again. */
  #afterStep(run: FleetRun, at: number): void {
    run.observe(at);
    for (const volunteer of run.wake()) this.#queue.push(at + volunteer.traits.latencySeconds / 2, { kind: 'ask', volunteer, hold: ++volunteer.holds });
    this.#finish(run, at);
  }

  /** The run a volunteer asks, and when its lease request reaches it; null: ask again later. */
  #runFor(volunteer: FleetVolunteer, sentAt: number): { run: FleetRun; arrival: number } | null {
    const half = volunteer.traits.latencySeconds / 2;
    if (!this.#assigned) return { run: this.runs[0]!, arrival: sentAt + half };
    const start = this.#assigner.startOf(sentAt + half);
    const counts = new Map<string, number>();
    for (const v of this.fleet) if (v.leftAt === null && v.runId !== null) counts.set(v.runId, (counts.get(v.runId) ?? 0) + 1);
    const demands = this.runs.filter((run) => !run.done).map((run) => ({ ...runDemand(run.driver.live), volunteers: counts.get(run.id) ?? 0 }));
    const assignment = assignRun(demands, volunteer.runId);
    const answered = this.#assigner.finish(start, OBJECT_REQUEST_SECONDS) + half;
    if (!assignment) {
      volunteer.runId = null;
      this.#queue.push(answered + ASSIGN_WAIT_SECONDS, { kind: 'ask', volunteer });
      return null;
    }
    volunteer.runId = assignment.runId;
    return { run: this.runs.find((run) => run.id === assignment.runId)!, arrival: answered + half };
  }

  async #handle(event: FleetEvent): Promise<void> {
    const random = this.#random;
    const queue = this.#queue;
    const now = this.now;
    if (event.kind === 'join') {
      this.#join(now);
      return;
    }
    const { volunteer } = event;
    const half = volunteer.traits.latencySeconds / 2;
    volunteer.workingFor = null;
    if (event.kind === 'leave') {
      volunteer.leftAt = now;
      volunteer.busySeconds += now - event.receivedAt;
      event.run.counts.lost++;
      queue.push(now + random.next() * REJOIN_SECONDS, { kind: 'join' });
      return;
    }
    if (event.kind === 'deliver') {
      const { run } = event;
      const { at, value: receipt } = run.serve(now, (nowMs) => reportLocally(run.driver, event.leased, event.body, nowMs), (taken) => (taken.ok ? event.encoding : null));
      volunteer.busySeconds += at - event.receivedAt;
      if (receipt.ok) {
        run.counts.reported++;
        volunteer.tasksDone++;
        if (receipt.value.roundClosed) run.counts.rounds++;
      } else {
        run.counts.refused++;
      }
      this.#afterStep(run, at);
      queue.push(at + half, { kind: 'ask', volunteer });
      return;
    }
    if (event.hold !== undefined && event.hold !== volunteer.holds) return;
    for (const run of this.runs) run.waiting = run.waiting.filter((held) => held !== volunteer);
    const target = this.#runFor(volunteer, now);
    if (!target) return;
    const { run } = target;
    const { at, value: leased } = run.serve(target.arrival, (nowMs) => run.driver.lease({ volunteerKey: volunteer.key, backend: BACKEND }, nowMs));
    // A lease's expiry checks can close a round too.
    this.#afterStep(run, at);
    const receivedAt = at + half;
    if (!leased.ok || leased.value.kind === 'done') {
      // Struck out for wrong results, or the run is over: on its own run the volunteer is done; given runs, it asks for another.
      if (this.#assigned && (leased.ok || !this.runs.some((other) => !other.done && other !== run))) queue.push(receivedAt, { kind: 'ask', volunteer });
      else volunteer.leftAt = receivedAt;
      return;
    }
    const reply = leased.value;
    if (reply.kind === 'wait') {
      if (run.driver.live.run.status !== 'running') {
        queue.push(receivedAt + reply.seconds, { kind: 'ask', volunteer });
        return;
      }
      run.waiting.push(volunteer);
      queue.push(receivedAt + reply.seconds, { kind: 'ask', volunteer, hold: ++volunteer.holds });
      return;
    }
    const { task: record } = reply;
    volunteer.workingFor = run.id;
    const { fetched, downloadSeconds, newStateBytes } = run.fetchInputs(volunteer, record, receivedAt);
    const images = record.shards.reduce((sum, shard) => sum + shard.count, 0);
    const computeSeconds = volunteer.computeSeconds(record.kind, images, multiplyAccumulates(run.driver.live.state.architecture));
    const workSeconds = downloadSeconds + volunteer.fixedSeconds(newStateBytes) + computeSeconds;
    if (random.next() < this.#draw.churn) {
      queue.push(fetched + random.next() * workSeconds, { kind: 'leave', volunteer, run, receivedAt });
      return;
    }
    const local = await runLocalTask(run.driver, reply, run.source, volunteer.memoryFor(run.id));
    const honest = { ...local.output, measurement: { ...local.output.measurement, seconds: computeSeconds } };
    const output = volunteer.byzantine ? dishonestOutput(record.kind, honest, stateLayout(run.driver.live.state).length) : honest;
    const body = localReportBytes({ ...local, output }, volunteer.key, BACKEND);
    const uploadSeconds = volunteer.upload(body.length);
    queue.push(fetched + workSeconds + uploadSeconds, { kind: 'deliver', volunteer, run, leased: reply, body, encoding: output.payload.length > 0 ? output.measurement.encoding ?? null : null, receivedAt });
  }
}
