// Starts tfjs-wasm for the engine: always its SIMD build (the engine threads its own kernels, so
// tfjs's pthread build is never needed), with a shared heap and kernel threads when more than one
// thread is asked for and this context may share memory; else one thread, and says why.
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { canShareMemory, kernelThreads, sharedMemoryBinary, SIMD_BINARY, startKernelThreads } from './threads/index.ts';
import { backendMemory } from './wasm/runtime.ts';

export interface WasmOptions {
  /** Threads for the engine's kernels, this one included; default defaultThreads(). */
  threads?: number;
  /** Where the tfjs-wasm binaries are served (a page); Node reads them from the installed package. */
  wasmDirectory?: string;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
const BINARIES = ['tfjs-backend-wasm.wasm', SIMD_BINARY, 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

/** Every core in Node; in a page every core but one, which the browser and the page keep. */
export async function defaultThreads(): Promise<number> {
  if (isNode) return (await import('node:os')).availableParallelism();
  return Math.max(1, (navigator.hardwareConcurrency || 1) - 1);
}

async function packageDirectory(): Promise<string> {
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  return `${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`;
}

async function readBinary(directory: string): Promise<Uint8Array> {
  if (isNode) return new Uint8Array((await import('node:fs')).readFileSync(`${directory}${SIMD_BINARY}`));
  const response = await fetch(`${directory}${SIMD_BINARY}`);
  if (!response.ok) throw new Error(`fetching ${SIMD_BINARY} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Points tfjs at the binaries; returns why the heap is not shared, or null when it is. */
async function chooseBinary(threads: number, directory: string): Promise<string | null> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const unshared = threads <= 1 ? 'one thread asked for' : !canShareMemory() ? 'no shared memory here (a page must be cross-origin isolated)' : null;
  if (unshared) {
    wasm.setWasmPaths(directory);
    return unshared;
  }
  try {
    const url = URL.createObjectURL(new Blob([sharedMemoryBinary(await readBinary(directory)) as BlobPart], { type: 'application/wasm' }));
    wasm.setWasmPaths(Object.fromEntries(BINARIES.map((name) => [name, url])), true);
    return null;
  } catch (error) {
    wasm.setWasmPaths(directory);
    return `the shared heap failed (${error instanceof Error ? error.message : String(error)})`;
  }
}

let unsharedReason = 'not started';

/** Starts the wasm backend (once per process; later calls only set the kernel thread count). */
export async function startWasm(options: WasmOptions): Promise<string> {
  const threads = options.threads ?? (await defaultThreads());
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`startWasm: threads must be a positive integer, got ${threads}`);
  if (!tf.findBackend('wasm')) {
    const directory = options.wasmDirectory ?? (isNode ? await packageDirectory() : null);
    if (directory === null) throw new Error('startWasm: a page must say where the tfjs-wasm binaries are (wasmDirectory)');
    await import('@tensorflow/tfjs-backend-wasm');
    unsharedReason = (await chooseBinary(threads, directory)) ?? '';
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialize');
  const memory = backendMemory(tf.backend() as BackendWasm);
  if (memory.buffer instanceof SharedArrayBuffer) await startKernelThreads(memory, threads);
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const running = kernelThreads();
  const why = running < threads && unsharedReason ? ` (${unsharedReason})` : '';
  return `WASM, ${simd ? 'SIMD' : 'no SIMD'}, ${running} thread${running === 1 ? '' : 's'}${why}`;
}
