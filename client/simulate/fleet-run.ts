// One run on the simulated fleet: its driver behind a Durable Object that serves one request at a
// time at the cost model's price (coordinator-cost.ts), the volunteers its object holds waiting,
// what its volunteers download (each state shard once a version from the object, then the edge
// cache), and what the run recorded: its epochs, the states its validation measured, its counts.
import type { RunConfig } from '../../shared/config/run-config.ts';
import { datasetLayout, shardPath, type ShardRef } from '../../shared/dataset/index.ts';
import type { DeltaEncoding } from '../../shared/delta/index.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import { memoryRun, type RunDriver, type TaskRecord } from '../../shared/run/index.ts';
import { stateLayout } from '../../shared/run/state-layout.ts';
import { encodeModelState, type ModelState } from '../../shared/state/index.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { encodeShard } from '../data/shard-file.ts';
import { objectSeconds } from './coordinator-cost.ts';
import type { FleetVolunteer } from './fleet-volunteer.ts';

export interface FleetPoint {
  seconds: number;
  epoch: number;
  valAcc: number;
}

export type FleetProgress = (progress: RunProgress, simulatedSeconds: number) => void;

/** A Durable Object's queue: it takes requests one at a time. */
export class SerialServer {
  #freeAt = 0;

  /** When a request arriving at `arrival` is taken up. */
  startOf(arrival: number): number {
    return Math.max(arrival, this.#freeAt);
  }

  /** The request taken up at `start` keeps the object `seconds`; returns when it is answered. */
  finish(start: number, seconds: number): number {
    this.#freeAt = start + seconds;
    return this.#freeAt;
  }
}

export class FleetRun {
  readonly id: string;
  readonly label: string;
  readonly config: RunConfig;
  readonly source: DatasetSource;
  readonly driver: RunDriver;
  readonly startedAt: number;
  readonly counts = { rounds: 0, reported: 0, lost: 0, refused: 0 };
  readonly curve: FleetPoint[] = [];
  /** The state each validation round measured, in order: the test curve scores the same ones. */
  readonly snapshots: ModelState[] = [];
  /** Volunteers whose lease request the object holds, longest waiting first. */
  waiting: FleetVolunteer[] = [];
  objectEgressBytes = 0;
  finishedAt: number | null = null;
  readonly #object = new SerialServer();
  readonly #onProgress: FleetProgress;
  /** State shards some volunteer already fetched, keyed by hash as the edge cache is: it serves them from then on. */
  readonly #edgeCache: Set<string>;
  readonly #stateFiles: (version: number) => { key: string; bytes: number }[];
  readonly #dataFiles: (shard: ShardRef) => { key: string; bytes: number };
  #seen: RunProgress;
  #snapshotVersion = -1;
  #parametersVersion = -1;
  #parameters = 0;

  constructor(id: string, label: string, config: RunConfig, source: DatasetSource, startedAt: number, edgeCache: Set<string>, onProgress: FleetProgress) {
    this.id = id;
    this.#edgeCache = edgeCache;
    this.label = label;
    this.config = config;
    this.source = source;
    this.startedAt = startedAt;
    this.#onProgress = onProgress;
    this.driver = memoryRun(id, config, startedAt * 1000);
    this.#seen = this.driver.progress(startedAt * 1000);
    this.#stateFiles = versionFiles(this.driver);
    this.#dataFiles = shardFiles(source, datasetLayout(config.dataset).key);
  }

  get done(): boolean {
    return this.driver.live.run.status === 'done';
  }

  /** The object takes one request at `arrival`; it is answered when the cost model says the step is done. */
  serve<T>(arrival: number, step: (nowMs: number) => T, accepted: (value: T) => DeltaEncoding | null = () => null, egressBytes = 0): { at: number; value: T } {
    const versionBefore = this.driver.live.run.version;
    const parameters = this.#stateParameters();
    // The step runs at the moment the object starts on it; its price is known only afterwards.
    const start = this.#object.startOf(arrival);
    const value = step(start * 1000);
    const roundsClosed = this.driver.live.run.version - versionBefore;
    this.objectEgressBytes += egressBytes;
    const done = this.#object.finish(start, objectSeconds({ parameters, acceptedEncoding: accepted(value), roundsClosed, egressBytes }));
    this.#takeSnapshot();
    return { at: done, value };
  }

  /** Takes in the epochs the run recorded since the last look. */
  observe(at: number): void {
    if (this.driver.live.run.history.length === this.#seen.history.length) return;
    const progress = this.driver.progress(at * 1000);
    for (const record of progress.history.slice(this.#seen.history.length)) this.curve.push({ seconds: at, epoch: record.epoch, valAcc: record.valAcc });
    this.#onProgress(progress, at);
    this.#seen = progress;
  }

  progress(at: number): RunProgress {
    return this.driver.progress(at * 1000);
  }

  /** Held volunteers the run now has work for, taken off the waiting list. */
  wake(): FleetVolunteer[] {
    const open = Math.min(this.waiting.length, this.driver.openWork());
    const woken = this.waiting.slice(0, open);
    this.waiting = this.waiting.slice(open);
    return woken;
  }

  /**
   * Fetching a task's inputs: the manifest comes from the run's object each time, a state shard
   * from it only for the first volunteer that asks. Returns when the object has served them, the
   * download time and the state bytes new to the volunteer (which it decodes).
   */
  fetchInputs(volunteer: FleetVolunteer, record: TaskRecord, receivedAt: number): { fetched: number; downloadSeconds: number; newStateBytes: number } {
    const [manifest, ...stateShards] = this.#stateFiles(record.version);
    const newStateBytes = stateShards.reduce((sum, shard) => sum + (volunteer.hasFile(shard.key) ? 0 : shard.bytes), 0);
    const missed = volunteer.hasFile(manifest!.key) ? [] : [manifest!, ...stateShards.filter((shard) => !this.#edgeCache.has(shard.key) && !volunteer.hasFile(shard.key))];
    for (const shard of missed) this.#edgeCache.add(shard.key);
    const fetched = missed.length === 0 ? receivedAt : this.serve(receivedAt, () => null, () => null, missed.reduce((sum, file) => sum + file.bytes, 0)).at;
    const downloadSeconds = volunteer.download([manifest!, ...stateShards, ...record.shards.map(this.#dataFiles)]);
    return { fetched, downloadSeconds, newStateBytes };
  }

  #stateParameters(): number {
    if (this.driver.live.run.version !== this.#parametersVersion) {
      this.#parametersVersion = this.driver.live.run.version;
      this.#parameters = stateLayout(this.driver.live.state).length;
    }
    return this.#parameters;
  }

  #takeSnapshot(): void {
    const { work, version } = this.driver.live.run;
    if (work.kind !== 'eval' || work.split !== 'val' || version === this.#snapshotVersion) return;
    this.#snapshotVersion = version;
    this.snapshots.push(this.driver.live.state);
  }
}

/** The manifest and the state shards of a version, as a volunteer downloads them (encoded once). */
function versionFiles(driver: RunDriver): (version: number) => { key: string; bytes: number }[] {
  const files = new Map<number, { key: string; bytes: number }[]>();
  return (version) => {
    let known = files.get(version);
    if (!known) {
      const { manifest } = encodeModelState(driver.live.state);
      const manifestBytes = JSON.stringify(manifest).length;
      known = [{ key: `${driver.live.run.id}-manifest-${version}`, bytes: manifestBytes }, ...manifest.shards.map((shard) => ({ key: shard.hash, bytes: shard.bytes }))];
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
