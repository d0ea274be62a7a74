// A run kept in memory only: the in-process runner and the fleet simulator drive their runs
// through this port, the Durable Object through one that writes SQLite.
import type { RunPort } from './run-driver.ts';

export function memoryPort(): RunPort {
  const deltas = new Map<string, Uint8Array>();
  return {
    save(changes) {
      if (changes.delta) deltas.set(changes.delta.taskId, changes.delta.bytes.slice());
      if (changes.round) deltas.clear();
    },
    readDelta(taskId) {
      const bytes = deltas.get(taskId);
      if (!bytes) throw new Error(`memoryPort: no delta kept for task ${taskId}`);
      return bytes;
    },
  };
}
