// Starts one kernel thread: a module Web Worker in a browser, a worker_threads Worker in Node
// (unreferenced, so a finished program exits without stopping it).
import type { KernelThreadMessage } from './kernel-thread.ts';

export interface ThreadHandle {
  post(message: KernelThreadMessage): void;
  /** Resolves on the thread's 'ready', rejects if it fails to load. */
  ready: Promise<void>;
  terminate(): void;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** Node resolves the entry itself; a variable keeps bundlers from treating it as a browser asset. */
const NODE_ENTRY = './kernel-thread.ts';

export async function spawnKernelThread(): Promise<ThreadHandle> {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(new URL(NODE_ENTRY, import.meta.url));
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    return { post: (message) => worker.postMessage(message), ready, terminate: () => void worker.terminate() };
  }
  const worker = new Worker(new URL('./kernel-thread.ts', import.meta.url), { type: 'module', name: 'autogrow-kernel-thread' });
  const ready = new Promise<void>((resolve, reject) => {
    worker.addEventListener('message', () => resolve(), { once: true });
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'the kernel thread could not load')), { once: true });
  });
  return { post: (message) => worker.postMessage(message), ready, terminate: () => worker.terminate() };
}
