// The run as its Durable Object holds it in memory, loaded once from the tables and saved a
// step at a time: a new round writes the new model version (if any), its tasks and the record.
import type { RunConfig } from '../../shared/config/run-config.ts';
import { datasetLayout, type DatasetLayout } from '../../shared/dataset/index.ts';
import { decodeModelState, encodeModelState, type ModelState, type StateManifest } from '../../shared/state/index.ts';
import type { RunStep } from '../run/run-context.ts';
import type { RunRecord, TaskRecord, Volunteer } from '../run/run-record.ts';
import type { RunStore } from './run-store.ts';

export interface LiveRun {
  run: RunRecord;
  config: RunConfig;
  layout: DatasetLayout;
  state: ModelState;
  manifest: StateManifest;
  tasks: Map<string, TaskRecord>;
  volunteers: Map<string, Volunteer>;
}

const taskNumber = (task: TaskRecord): number => Number(task.id.slice(1));

export function loadLiveRun(store: RunStore): LiveRun | null {
  const run = store.readRun();
  const config = store.readConfig();
  if (!run || !config) return null;
  const manifest = store.readManifest(run.version);
  if (!manifest) throw new Error(`loadLiveRun: run ${run.id} has no manifest for its version ${run.version}`);
  const shards = manifest.shards.map((shard) => store.readShard(shard.hash));
  if (shards.some((shard) => shard === null)) throw new Error(`loadLiveRun: run ${run.id} misses shards of version ${run.version}`);
  const decoded = decodeModelState(manifest, shards as Uint8Array[]);
  if (!decoded.ok) throw new Error(`loadLiveRun: run ${run.id}: ${decoded.error}`);
  const tasks = store.readTasks().sort((a, b) => taskNumber(a) - taskNumber(b));
  return {
    run,
    config,
    layout: datasetLayout(config.dataset),
    state: decoded.state,
    manifest,
    tasks: new Map(tasks.map((task) => [task.id, task])),
    volunteers: new Map(store.readVolunteers().map((v) => [v.id, v])),
  };
}

/**
 * Saves a step that starts a new round (or creates the run): the new version's shards, the
 * round's tasks (replacing the old round's, and its deltas), the record. A round opens only
 * once every lease of the last one is reported, so no lease references an older version: those
 * are dropped.
 */
export function saveRound(store: RunStore, previous: LiveRun | null, step: RunStep, config: RunConfig): LiveRun {
  let manifest = previous?.manifest;
  if (!manifest || previous?.run.version !== step.run.version) {
    const encoded = encodeModelState(step.state);
    store.writeVersion(step.run.version, encoded.manifest, encoded.shards);
    manifest = encoded.manifest;
  }
  store.replaceTasks(step.tasks);
  store.writeRun(step.run);
  store.collectGarbage([step.run.version]);
  return {
    run: step.run,
    config,
    layout: previous?.layout ?? datasetLayout(config.dataset),
    state: step.state,
    manifest,
    tasks: new Map(step.tasks.map((task) => [task.id, task])),
    volunteers: previous?.volunteers ?? new Map(),
  };
}
