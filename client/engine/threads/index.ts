// Kernel threads for the engine's WASM kernels: one pool per process, over the tfjs-wasm heap
// when that heap is shared memory; without one every kernel runs on the calling thread.
import { KernelPool } from './kernel-pool.ts';

export { KernelPool, type ThreadScratch } from './kernel-pool.ts';
export type { KernelFunction } from './control-block.ts';
export { canShareMemory, sharedMemoryBinary, SIMD_BINARY } from './shared-heap.ts';

let pool: KernelPool | null = null;

/** Starts `threads - 1` kernel threads over `memory` (once; later calls only change the count). */
export async function startKernelThreads(memory: WebAssembly.Memory, threads: number): Promise<void> {
  if (threads <= 1) return void pool?.setActive(1);
  pool ??= await KernelPool.start(memory, threads);
  pool.setActive(Math.min(threads, pool.size));
}

export function kernelPool(): KernelPool | null {
  return pool;
}

/** Threads the kernels split their work for: 1 without a pool. */
export function kernelThreads(): number {
  return pool?.active ?? 1;
}

/** Threads a pool could run (its size), 1 without one. */
export function kernelThreadCapacity(): number {
  return pool?.size ?? 1;
}

/** Sets how many threads take part, from 1 to the pool's size. */
export function setKernelThreads(threads: number): void {
  if (!pool) {
    if (threads !== 1) throw new Error(`setKernelThreads: no kernel threads were started (the heap is not shared), so only 1 thread, got ${threads}`);
    return;
  }
  pool.setActive(threads);
}

/** Parts per active thread: more parts than threads even out a thread that falls behind. */
const PARTS_PER_THREAD = 4;

/**
 * `total` independent items (images, pixel chunks) cut into contiguous parts, one part per
 * kernel call: a single part on one thread.
 */
export function workParts(total: number): { first: number; count: number }[] {
  const parts = Math.max(1, Math.min(total, kernelThreads() === 1 ? 1 : kernelThreads() * PARTS_PER_THREAD));
  return Array.from({ length: parts }, (_, i) => {
    const first = Math.floor((i * total) / parts);
    return { first, count: Math.floor(((i + 1) * total) / parts) - first };
  });
}
