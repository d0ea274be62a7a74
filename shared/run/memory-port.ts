// A run kept in memory only: the in-process runner and the fleet simulator drive their runs
// through this port, the Durable Object through one that writes SQLite.
import { chunkSpans } from '../delta/index.ts';
import type { RunPort } from './run-driver.ts';

export function memoryPort(): RunPort {
  const chunks = new Map<string, Uint8Array[]>();
  return {
    save(changes) {
      if (changes.delta) {
        const { taskId, encoding, length, bytes } = changes.delta;
        chunks.set(taskId, chunkSpans(encoding, length).map((span) => bytes.slice(span.start, span.end)));
      }
      if (changes.round) chunks.clear();
    },
    readDeltaChunk(taskId, chunk) {
      const bytes = chunks.get(taskId)?.[chunk];
      if (!bytes) throw new Error(`memoryPort: no chunk ${chunk} kept for task ${taskId}`);
      return bytes;
    },
  };
}
