// The run's rows, read back into a live run, and each step's changes written to them. Nothing
// here decides anything: the steps of shared/run did, this only loads and saves.
import type { RunConfig } from '../../shared/config/run-config.ts';
import { liveRun, type LiveRun, type RunChanges } from '../../shared/run/index.ts';
import { decodeModelState, encodeModelState, type StateManifest } from '../../shared/state/index.ts';
import type { RunStore } from './run-store.ts';

export interface SavedRun {
  live: LiveRun;
  /** Manifest of the current version: the state's shards as stored. */
  manifest: StateManifest;
}

export function loadRun(store: RunStore): SavedRun | null {
  const run = store.readRun();
  const config = store.readConfig();
  if (!run || !config) return null;
  const manifest = store.readManifest(run.version);
  if (!manifest) throw new Error(`loadRun: run ${run.id} has no manifest for its version ${run.version}`);
  const shards = manifest.shards.map((shard) => store.readShard(shard.hash));
  if (shards.some((shard) => shard === null)) throw new Error(`loadRun: run ${run.id} misses shards of version ${run.version}`);
  const decoded = decodeModelState(manifest, shards as Uint8Array[]);
  if (!decoded.ok) throw new Error(`loadRun: run ${run.id}: ${decoded.error}`);
  return { live: liveRun({ run, state: decoded.state, tasks: store.readTasks() }, config, store.readVolunteers()), manifest };
}

/**
 * Writes a step's changes; returns the manifest of the version they leave the run at. A new round
 * writes its version's shards when the version moved, replaces the old round's tasks (and their
 * deltas) and keeps only that version: a round opens once every lease of the last one is done.
 */
export function saveChanges(store: RunStore, changes: RunChanges, manifest: StateManifest | null): StateManifest {
  if (changes.delta) store.writeDelta(changes.delta.taskId, changes.delta.bytes);
  for (const task of changes.tasks) store.writeTask(task);
  for (const volunteer of changes.volunteers) store.writeVolunteer(volunteer);
  if (changes.run) store.writeRun(changes.run);
  const { round } = changes;
  if (!round) {
    if (!manifest) throw new Error('saveChanges: a run is saved first with its round');
    return manifest;
  }
  let saved = manifest;
  if (!saved || store.readManifest(round.run.version) === null) {
    const encoded = encodeModelState(round.state);
    store.writeVersion(round.run.version, encoded.manifest, encoded.shards);
    saved = encoded.manifest;
  }
  store.replaceTasks(round.tasks);
  store.writeRun(round.run);
  store.collectGarbage([round.run.version]);
  return saved;
}

export function saveNewRun(store: RunStore, config: RunConfig, changes: RunChanges): StateManifest {
  store.writeConfig(config);
  return saveChanges(store, changes, null);
}
