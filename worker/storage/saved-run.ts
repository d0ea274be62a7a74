// The run's rows, read back into a live run, and each step's changes written to them. Nothing
// here decides anything: the steps of shared/run did, this only loads and saves.
import type { RunConfig } from '../../shared/config/run-config.ts';
import { chunkSpans, decodeChunkedDelta, encodeChunkedDelta } from '../../shared/delta/index.ts';
import { liveRun, type LiveRun, type RunChanges } from '../../shared/run/index.ts';
import { stateLayout } from '../../shared/run/state-layout.ts';
import { decodeModelState, encodeModelState, type ModelState, type StateManifest } from '../../shared/state/index.ts';
import type { RunStore } from './run-store.ts';

export interface SavedRun {
  live: LiveRun;
  /** Manifest of the current version: the state's shards as stored. */
  manifest: StateManifest;
}

/** Cut at chunk boundaries, as the deltas table and the outer table hold them. */
function chunked(bytes: Uint8Array, spans: { start: number; end: number }[]): Uint8Array[] {
  return spans.map((span) => bytes.subarray(span.start, span.end));
}

function readOuter(store: RunStore, version: number, state: ModelState): Float32Array | null {
  const chunks = store.readOuter(version);
  if (chunks.length === 0) return null;
  const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  const decoded = decodeChunkedDelta(joined, 'f32', stateLayout(state).length);
  if (!decoded.ok) throw new Error(`loadRun: the outer momentum of version ${version} does not decode: ${decoded.error}`);
  return decoded.value;
}

/** A stored version's state and outer momentum (the current one, or the checkpoint a rollback needs). */
export function loadVersion(store: RunStore, version: number): { state: ModelState; outer: Float32Array | null; manifest: StateManifest } {
  const manifest = store.readManifest(version);
  if (!manifest) throw new Error(`loadVersion: no manifest stored for version ${version}`);
  const shards = manifest.shards.map((shard) => store.readShard(shard.hash));
  if (shards.some((shard) => shard === null)) throw new Error(`loadVersion: shards of version ${version} are missing`);
  const decoded = decodeModelState(manifest, shards as Uint8Array[]);
  if (!decoded.ok) throw new Error(`loadVersion: version ${version}: ${decoded.error}`);
  return { state: decoded.value, outer: readOuter(store, version, decoded.value), manifest };
}

export function loadRun(store: RunStore): SavedRun | null {
  const run = store.readRun();
  const config = store.readConfig();
  if (!run || !config) return null;
  const { state, outer, manifest } = loadVersion(store, run.version);
  return { live: liveRun({ run, state, outer, tasks: store.readTasks() }, config, store.readVolunteers()), manifest };
}

/**
 * Writes a step's changes; returns the manifest of the version they leave the run at. A new round
 * writes its version's shards (and outer momentum) when the version moved, replaces the old round's
 * tasks (and their deltas) and keeps only that version and the checkpoints': a round opens once the
 * last one closed, and a rollback needs the checkpoints.
 */
export function saveChanges(store: RunStore, changes: RunChanges, manifest: StateManifest | null): StateManifest {
  if (changes.delta) {
    const { taskId, lease, encoding, length, bytes } = changes.delta;
    store.writeDelta(taskId, lease, chunked(bytes, chunkSpans(encoding, length)));
  }
  for (const task of changes.tasks) store.writeTask(task);
  for (const id of changes.forgotten) store.deleteVolunteer(id);
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
    if (round.outer) store.writeOuter(round.run.version, chunked(encodeChunkedDelta(round.outer, 'f32'), chunkSpans('f32', round.outer.length)));
    saved = encoded.manifest;
  }
  store.replaceTasks(round.tasks);
  store.writeRun(round.run);
  store.collectGarbage([round.run.version, ...round.run.checkpoints.map((checkpoint) => checkpoint.version)]);
  return saved;
}

export function saveNewRun(store: RunStore, config: RunConfig, changes: RunChanges): StateManifest {
  store.writeConfig(config);
  return saveChanges(store, changes, null);
}
