// A run kept in memory only: the in-process runner and the fleet simulator drive their runs
// through this port, the Durable Object through one that writes SQLite.
import type { RunConfig } from '../config/run-config.ts';
import { datasetLayout } from '../dataset/index.ts';
import { chunkSpans } from '../delta/index.ts';
import type { ModelState } from '../state/index.ts';
import { createRun } from './create-run.ts';
import { liveRun } from './live-run.ts';
import type { RunStep } from './run-context.ts';
import { RunDriver, type RunPort } from './run-driver.ts';

/** A new run, created at `now` and driven in memory. */
export function memoryRun(id: string, config: RunConfig, now: number): RunDriver {
  const layout = datasetLayout(config.dataset);
  const start = createRun(id, { config, layout, now });
  return new RunDriver(liveRun(start, config, [], layout), memoryPort(start));
}

/** `start` is the run as created: its first checkpoint. */
export function memoryPort(start: RunStep): RunPort {
  const chunks = new Map<string, Uint8Array[]>();
  /** Versions a checkpoint may name: the state of every round opened at an epoch's start. */
  const checkpoints = new Map<number, { state: ModelState; outer: Float32Array | null }>();
  const keepCheckpoint = (round: RunStep): void => {
    const named = new Set(round.run.checkpoints.map((checkpoint) => checkpoint.version));
    if (named.has(round.run.version) && !checkpoints.has(round.run.version)) checkpoints.set(round.run.version, { state: round.state, outer: round.outer && round.outer.slice() });
    for (const version of checkpoints.keys()) if (!named.has(version)) checkpoints.delete(version);
  };
  keepCheckpoint(start);
  return {
    save(changes) {
      if (changes.delta) {
        const { taskId, lease, encoding, length, bytes } = changes.delta;
        chunks.set(`${taskId}#${lease}`, chunkSpans(encoding, length).map((span) => bytes.slice(span.start, span.end)));
      }
      if (!changes.round) return;
      chunks.clear();
      keepCheckpoint(changes.round);
    },
    readDeltaChunk(taskId, lease, chunk) {
      const bytes = chunks.get(`${taskId}#${lease}`)?.[chunk];
      if (!bytes) throw new Error(`memoryPort: no chunk ${chunk} kept for lease ${lease} of task ${taskId}`);
      return bytes;
    },
    readCheckpoint(version) {
      const saved = checkpoints.get(version);
      if (!saved) throw new Error(`memoryPort: no checkpoint kept for version ${version}`);
      return saved;
    },
  };
}
