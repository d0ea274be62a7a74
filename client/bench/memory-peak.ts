// Peak resident memory while synchronous work runs: a worker thread samples the process RSS
// every millisecond (the main thread is busy), after a full GC so earlier garbage does not count.
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData, 0, 1);
const peak = new Float64Array(workerData, 8, 1);
for (;;) {
  const state = Atomics.load(flag, 0);
  if (state === 2) break;
  if (state === 1) peak[0] = Math.max(peak[0], process.memoryUsage.rss());
  Atomics.wait(flag, 0, state, state === 1 ? 1 : Infinity);
}`;

export interface MemorySampler {
  /** Bytes the process RSS rose above its level before `work`, at the highest sample. */
  peakAdded(work: () => void): Promise<number>;
  close(): Promise<void>;
}

/**
 * glibc serves buffers below its dynamic mmap threshold (it climbs to 32 MiB) from a heap it keeps
 * resident after free, so RSS would miss reuse. Re-runs this script with a fixed threshold and
 * returns true in the parent, which has nothing left to do.
 */
export function rerunWithFreedBuffersReturned(): boolean {
  if (process.env.MALLOC_MMAP_THRESHOLD_) return false;
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, MALLOC_MMAP_THRESHOLD_: String(128 * 1024) },
  });
  process.exitCode = child.status ?? 1;
  return true;
}

/** V8 frees dead array buffers' memory on a background thread after a GC: wait for it, twice. */
async function settle(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    collectGarbage();
    await sleep(100);
  }
}

export async function memorySampler(): Promise<MemorySampler> {
  const shared = new SharedArrayBuffer(16);
  const flag = new Int32Array(shared, 0, 1);
  const peak = new Float64Array(shared, 8, 1);
  const worker = new Worker(SAMPLER, { eval: true, workerData: shared });
  await new Promise((resolve) => worker.once('online', resolve));
  const signal = (state: number) => {
    Atomics.store(flag, 0, state);
    Atomics.notify(flag, 0);
  };
  return {
    async peakAdded(work) {
      await settle();
      const before = process.memoryUsage.rss();
      peak[0] = before;
      signal(1);
      work();
      peak[0] = Math.max(peak[0], process.memoryUsage.rss());
      signal(0);
      return peak[0] - before;
    },
    async close() {
      signal(2);
      await worker.terminate();
    },
  };
}
