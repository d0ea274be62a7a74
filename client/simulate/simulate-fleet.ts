// A run driven by the shared run driver with N simulated volunteers on a virtual clock. Training is
// real (every task runs on this machine's engine, so accuracy is real); only time is simulated:
// each task costs its downloads, its fixed costs and compute at the volunteer's speed and its
// upload, and the coordinator serves one request at a time, as one Durable Object does, at the cost
// its model gives (coordinator-cost.ts), and holds the lease requests of volunteers it has no work
// for until a step opens some (they then ask again at once), as the Durable Object does. Nothing
// here reads a clock: the same options give the same result, bit for bit.
import { multiplyAccumulates } from '../../shared/architecture/index.ts';
import type { DeltaEncoding } from '../../shared/delta/index.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { datasetLayout, shardPath, type ShardRef } from '../../shared/dataset/index.ts';
import { runReport, type RunReport } from '../../shared/export/run-report.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import { deriveSeed, RandomGenerator } from '../../shared/random/generator.ts';
import { memoryRun, type RunDriver } from '../../shared/run/index.ts';
import { stateLayout } from '../../shared/run/state-layout.ts';
import { encodeModelState, type ModelState } from '../../shared/state/index.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { encodeShard } from '../data/shard-file.ts';
import { localReportBytes, reportLocally, runLocalTask, type LocalLease } from '../runner/local-task.ts';
import { objectSeconds } from './coordinator-cost.ts';
import { dishonestOutput } from './dishonest-report.ts';
import { EventQueue } from './event-queue.ts';
import { FleetVolunteer } from './fleet-volunteer.ts';
import { drawVolunteer, type ProfileName } from './profiles.ts';
import { testCurve, type TestPoint } from './test-curve.ts';

export interface FleetOptions {
  volunteers: number;
  profile: ProfileName;
  /** Chance that a volunteer leaves in the middle of a task (a replacement joins within a minute). */
  churn: number;
  /** Share of volunteers that report wrong results. */
  byzantine: number;
  seed: number;
  /** Validation accuracy (percent) whose first epoch is the run's time to target. */
  targetValAcc: number;
  /** The fleet opens the page over this many seconds, not at one instant. */
  arrivalSeconds: number;
  /** Also measure each epoch's model on the test split (time to accuracy); off, the curve has validation only. */
  testEachEpoch: boolean;
}

export interface FleetPoint {
  seconds: number;
  epoch: number;
  valAcc: number;
}

export interface FleetResult {
  options: FleetOptions;
  roundSize: number;
  /** Simulated wall time from the run's creation to done. */
  seconds: number;
  secondsToTarget: number | null;
  testAcc: number | null;
  architecture: string;
  rounds: number;
  tasksReported: number;
  tasksLost: number;
  reportsRefused: number;
  /** Times the run rolled back to its last good epoch start. */
  rollbacks: number;
  /** Volunteers that took part and reported wrong results. */
  byzantineVolunteers: number;
  /** Accepted reports of each volunteer that took part, in the order they joined. */
  tasksPerVolunteer: number[];
  bytesDownPerVolunteer: number;
  bytesUpPerVolunteer: number;
  /** Share of the volunteers' time spent waiting for work. */
  idleFraction: number;
  curve: FleetPoint[];
  /** The model each epoch's validation measured, on the test split; empty unless testEachEpoch. */
  testCurve: TestPoint[];
  /** Sub-modules of the found net, all stages together. */
  depth: number;
  /** Bytes the run's object served (each state shard once a version, every manifest). */
  objectEgressBytes: number;
  report: RunReport;
  state: ModelState;
}

export type FleetProgress = (progress: RunProgress, simulatedSeconds: number) => void;

/** A replacement for a volunteer that left joins within this many seconds. */
const REJOIN_SECONDS = 60;
/** A run that is not done after this much simulated time is stuck. */
const GIVE_UP_SECONDS = 30 * 86400;
const BACKEND = 'simulated';
/** Mixed into the fleet's seed so that its draws are not the run's. */
const FLEET_STREAM = 0xf1ee7;

type FleetEvent =
  /** `hold` names the wait it ends (a newer wake or wait makes it moot); absent for a fresh ask. */
  | { kind: 'ask'; volunteer: FleetVolunteer; hold?: number }
  | { kind: 'deliver'; volunteer: FleetVolunteer; leased: LocalLease; body: Uint8Array; encoding: DeltaEncoding | null; receivedAt: number }
  | { kind: 'leave'; volunteer: FleetVolunteer; receivedAt: number }
  | { kind: 'join' };

export async function simulateFleet(config: RunConfig, source: DatasetSource, options: FleetOptions, onProgress: FleetProgress = () => {}): Promise<FleetResult> {
  const layout = datasetLayout(config.dataset);
  // Its own stream: the run's seed draws the weights and shard order from RandomGenerator(seed) too.
  const random = new RandomGenerator(deriveSeed(options.seed, FLEET_STREAM));
  const driver = memoryRun('simulated', config, 0);
  const queue = new EventQueue<FleetEvent>();
  const fleet: FleetVolunteer[] = [];
  const join = (at: number): void => {
    const volunteer = new FleetVolunteer(`sim-${fleet.length + 1}`, drawVolunteer(options.profile, random), random.next() < options.byzantine, at);
    fleet.push(volunteer);
    queue.push(at, { kind: 'ask', volunteer });
  };
  for (let i = 0; i < options.volunteers; i++) join(random.next() * options.arrivalSeconds);

  /** Volunteers whose lease request the coordinator holds, longest waiting first. */
  let waiting: FleetVolunteer[] = [];
  /** Wakes as many held volunteers as the run has work for: each hears it and asks again. */
  const wakeWaiting = (at: number): void => {
    const open = Math.min(waiting.length, driver.openWork());
    for (const volunteer of waiting.slice(0, open)) queue.push(at + volunteer.traits.latencySeconds / 2, { kind: 'ask', volunteer, hold: ++volunteer.holds });
    waiting = waiting.slice(open);
  };
  let coordinatorFreeAt = 0;
  let objectEgressBytes = 0;
  const parameters = stateParameters(driver);
  /** The coordinator takes requests one at a time; each costs what the cost model says of its step. */
  const serve = <T>(arrival: number, step: (nowMs: number) => T, accepted: (value: T) => DeltaEncoding | null = () => null, egressBytes = 0): { at: number; value: T } => {
    const start = Math.max(arrival, coordinatorFreeAt);
    const versionBefore = driver.live.run.version;
    const stateSize = parameters();
    const value = step(start * 1000);
    const roundsClosed = driver.live.run.version - versionBefore;
    objectEgressBytes += egressBytes;
    coordinatorFreeAt = start + objectSeconds({ parameters: stateSize, acceptedEncoding: accepted(value), roundsClosed, egressBytes });
    takeSnapshot();
    return { at: coordinatorFreeAt, value };
  };
  /** The state each validation round measures, by version: the test curve measures the same one. */
  const snapshots: ModelState[] = [];
  let snapshotVersion = -1;
  const takeSnapshot = (): void => {
    const { work, version } = driver.live.run;
    if (work.kind !== 'eval' || work.split !== 'val' || version === snapshotVersion) return;
    snapshotVersion = version;
    snapshots.push(driver.live.state);
  };
  /** State shards some volunteer already fetched: the edge cache serves them from then on. */
  const edgeCache = new Set<string>();

  const stateFiles = versionFiles(driver);
  const dataFiles = shardFiles(source, layout.key);
  const counts = { rounds: 0, reported: 0, lost: 0, refused: 0 };
  const curve: FleetPoint[] = [];
  let seen = driver.progress(0);
  let now = 0;
  /** Takes in the epochs the run recorded since the last look. */
  const observe = (at: number): void => {
    if (driver.live.run.history.length === seen.history.length) return;
    const progress = driver.progress(at * 1000);
    for (const record of progress.history.slice(seen.history.length)) curve.push({ seconds: at, epoch: record.epoch, valAcc: record.valAcc });
    onProgress(progress, at);
    seen = progress;
  };

  while (driver.live.run.status !== 'done') {
    const next = queue.pop();
    if (!next) throw new Error('simulateFleet: no volunteer is left and the run is not done');
    now = next.at;
    if (now > GIVE_UP_SECONDS) throw new Error(`simulateFleet: the run is not done after ${GIVE_UP_SECONDS / 86400} simulated days (stuck at version ${driver.live.run.version})`);
    const { event } = next;
    if (event.kind === 'join') {
      join(now);
      continue;
    }
    const { volunteer } = event;
    const half = volunteer.traits.latencySeconds / 2;
    if (event.kind === 'leave') {
      volunteer.leftAt = now;
      volunteer.busySeconds += now - event.receivedAt;
      counts.lost++;
      queue.push(now + random.next() * REJOIN_SECONDS, { kind: 'join' });
      continue;
    }
    if (event.kind === 'deliver') {
      const { at, value: receipt } = serve(now, (nowMs) => reportLocally(driver, event.leased, event.body, nowMs), (taken) => (taken.ok ? event.encoding : null));
      volunteer.busySeconds += at - event.receivedAt;
      if (receipt.ok) {
        counts.reported++;
        volunteer.tasksDone++;
        if (receipt.value.roundClosed) counts.rounds++;
      } else {
        counts.refused++;
      }
      observe(at);
      wakeWaiting(at);
      queue.push(at + half, { kind: 'ask', volunteer });
      continue;
    }
    if (event.hold !== undefined && event.hold !== volunteer.holds) continue;
    waiting = waiting.filter((held) => held !== volunteer);
    const { at, value: leased } = serve(now + half, (nowMs) => driver.lease({ volunteerKey: volunteer.key, backend: BACKEND }, nowMs));
    // A lease's expiry checks can close a round too.
    observe(at);
    wakeWaiting(at);
    const receivedAt = at + half;
    // Refused (struck out for wrong results) or told the run is over: this volunteer is done.
    if (!leased.ok || leased.value.kind === 'done') {
      volunteer.leftAt = receivedAt;
      continue;
    }
    const reply = leased.value;
    if (reply.kind === 'wait') {
      if (driver.live.run.status !== 'running') {
        queue.push(receivedAt + reply.seconds, { kind: 'ask', volunteer });
        continue;
      }
      waiting.push(volunteer);
      queue.push(receivedAt + reply.seconds, { kind: 'ask', volunteer, hold: ++volunteer.holds });
      continue;
    }
    const { task: record } = reply;
    const [manifest, ...stateShards] = stateFiles(record.version);
    const newStateBytes = stateShards.reduce((sum, shard) => sum + (volunteer.hasFile(shard.key) ? 0 : shard.bytes), 0);
    // The manifest comes from the run's object each time; a shard only the first time any volunteer asks.
    const missed = volunteer.hasFile(manifest!.key) ? [] : [manifest!, ...stateShards.filter((shard) => !edgeCache.has(shard.key) && !volunteer.hasFile(shard.key))];
    for (const shard of missed) edgeCache.add(shard.key);
    const fetched = missed.length === 0 ? receivedAt : serve(receivedAt, () => null, () => null, missed.reduce((sum, file) => sum + file.bytes, 0)).at;
    const downloadSeconds = volunteer.download([manifest!, ...stateShards, ...record.shards.map(dataFiles)]);
    const images = record.shards.reduce((sum, shard) => sum + shard.count, 0);
    const computeSeconds = volunteer.computeSeconds(record.kind, images, multiplyAccumulates(driver.live.state.architecture));
    const workSeconds = downloadSeconds + volunteer.fixedSeconds(newStateBytes) + computeSeconds;
    if (random.next() < options.churn) {
      queue.push(fetched + random.next() * workSeconds, { kind: 'leave', volunteer, receivedAt });
      continue;
    }
    const local = await runLocalTask(driver, reply, source, volunteer.memory);
    const honest = { ...local.output, measurement: { ...local.output.measurement, seconds: computeSeconds } };
    const output = volunteer.byzantine ? dishonestOutput(record.kind, honest, stateLayout(driver.live.state).length) : honest;
    const body = localReportBytes({ ...local, output }, volunteer.key, BACKEND);
    const uploadSeconds = volunteer.upload(body.length);
    queue.push(fetched + workSeconds + uploadSeconds, { kind: 'deliver', volunteer, leased: reply, body, encoding: output.payload.length > 0 ? output.measurement.encoding ?? null : null, receivedAt });
  }

  seen = driver.progress(now * 1000);
  const present = fleet.reduce((sum, v) => sum + v.presentSeconds(now), 0);
  const busy = fleet.reduce((sum, v) => sum + v.busySeconds, 0);
  const target = curve.find((point) => point.valAcc >= options.targetValAcc);
  const tested = options.testEachEpoch ? await testCurve(config, source, curve, snapshots) : [];
  return {
    options,
    roundSize: config.fleet.roundSize,
    seconds: now,
    secondsToTarget: target ? target.seconds : null,
    testAcc: seen.testAcc,
    architecture: seen.architecture.name,
    rounds: counts.rounds,
    tasksReported: counts.reported,
    tasksLost: counts.lost,
    reportsRefused: counts.refused,
    rollbacks: seen.events.filter((event) => event.type === 'rollback').length,
    byzantineVolunteers: fleet.filter((v) => v.byzantine).length,
    tasksPerVolunteer: fleet.map((v) => v.tasksDone),
    bytesDownPerVolunteer: fleet.reduce((sum, v) => sum + v.bytesDown, 0) / fleet.length,
    bytesUpPerVolunteer: fleet.reduce((sum, v) => sum + v.bytesUp, 0) / fleet.length,
    idleFraction: present > 0 ? Math.max(0, 1 - busy / present) : 0,
    curve,
    testCurve: tested,
    depth: driver.live.state.architecture.depths.reduce((sum, d) => sum + d, 0),
    objectEgressBytes,
    report: runReport(seen, config),
    state: driver.live.state,
  };
}

/** The state's parameters (its layout's length) at the driver's current version, computed once a version. */
function stateParameters(driver: RunDriver): () => number {
  let version = -1;
  let length = 0;
  return () => {
    if (driver.live.run.version !== version) {
      version = driver.live.run.version;
      length = stateLayout(driver.live.state).length;
    }
    return length;
  };
}

/** The manifest and the state shards of a version, as a volunteer downloads them (encoded once). */
function versionFiles(driver: RunDriver): (version: number) => { key: string; bytes: number }[] {
  const files = new Map<number, { key: string; bytes: number }[]>();
  return (version) => {
    let known = files.get(version);
    if (!known) {
      const { manifest } = encodeModelState(driver.live.state);
      const manifestBytes = JSON.stringify(manifest).length;
      known = [{ key: `manifest-${version}`, bytes: manifestBytes }, ...manifest.shards.map((shard) => ({ key: shard.hash, bytes: shard.bytes }))];
      files.set(version, known);
    }
    return known;
  };
}

/** A data shard's file as the prepare step writes it (encoded once, to know its size). */
function shardFiles(source: DatasetSource, layoutKey: string): (shard: ShardRef) => { key: string; bytes: number } {
  const sizes = new Map<string, number>();
  return (shard) => {
    const key = shardPath(source.layout, shard);
    let bytes = sizes.get(key);
    if (bytes === undefined) {
      bytes = encodeShard({ ...source.shard(shard), split: shard.split, index: shard.index, layoutKey }).length;
      sizes.set(key, bytes);
    }
    return { key, bytes };
  };
}
