// Binds run-time assembled kernels to the tfjs-wasm heap: our modules import the backend's own
// memory, so kernels read and write tensors in place, addressed by their heap offsets; a kernel's
// independent calls go to the kernel threads (threads/) when the heap is shared.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { kernelPool, type KernelFunction, type ThreadScratch } from '../threads/index.ts';
import { assembleModule, FunctionBuilder } from './assembler.ts';

/** Whether this engine runs f32x4.relaxed_madd (FMA on x86 and ARM); without it kernels use mul + add. */
export const RELAXED_SIMD = ((): boolean => {
  const probe = new FunctionBuilder(['v128', 'v128', 'v128'], ['v128']);
  probe.op('local.get', 0).op('local.get', 1).op('local.get', 2).op('f32x4.relaxed_madd');
  try {
    return WebAssembly.validate(assembleModule({ probe }, false) as BufferSource);
  } catch {
    return false;
  }
})();

/** Every function a kernel builder emits, by export name. */
export type KernelBuild = (fma: boolean) => Record<string, FunctionBuilder>;

function heapMemory(backend: BackendWasm): WebAssembly.Memory {
  const module = backend.wasm as unknown as { wasmMemory?: WebAssembly.Memory; asm?: { memory?: WebAssembly.Memory } };
  const memory = module.wasmMemory ?? module.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new Error('wasm runtime: the tfjs-wasm module exposes no WebAssembly.Memory (tfjs 4.22 layout expected)');
  return memory;
}

/** One assembled module: its functions on this thread, and on the kernel threads once needed. */
export class Kernel {
  readonly #module: WebAssembly.Module;
  readonly #names: string[];
  readonly #functions: KernelFunction[];
  #poolId: number | null = null;

  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.#module = module;
    this.#names = WebAssembly.Module.exports(module).filter((e) => e.kind === 'function').map((e) => e.name);
    this.#functions = this.#names.map((name) => instance.exports[name] as KernelFunction);
  }

  #index(name: string): number {
    const index = this.#names.indexOf(name);
    if (index < 0) throw new Error(`Kernel: no function ${name} (has ${this.#names.join(', ')})`);
    return index;
  }

  /** Runs `name` once, on this thread. */
  call(name: string, ...args: number[]): void {
    this.#functions[this.#index(name)]!(...args);
  }

  /**
   * Runs `name` once per argument list, spread over the kernel threads. The calls must write
   * disjoint memory (or per-thread scratch), so their order cannot change a result.
   */
  calls(name: string, argLists: number[][], scratch?: ThreadScratch): void {
    const fn = this.#index(name);
    const pool = kernelPool();
    if (!pool || pool.active === 1 || argLists.length === 1) {
      for (const args of argLists) this.#functions[fn]!(...args);
      return;
    }
    this.#poolId ??= pool.register(this.#module, this.#functions);
    pool.run(argLists.map((args) => ({ module: this.#poolId!, fn, args })), scratch);
  }
}

const compiled = new WeakMap<WebAssembly.Memory, Map<string, Kernel>>();

/**
 * The kernel for one layer shape, assembled on first use and cached per heap: a shape specialised
 * kernel has constant strides and offsets, so its inner loops do no address arithmetic.
 */
export function shapeKernel(backend: BackendWasm, key: string, build: KernelBuild): Kernel {
  const memory = heapMemory(backend);
  let cache = compiled.get(memory);
  if (!cache) compiled.set(memory, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const bytes = assembleModule(build(RELAXED_SIMD), shared);
  const kernel = new Kernel(new WebAssembly.Module(bytes as BufferSource), memory);
  cache.set(key, kernel);
  return kernel;
}

/** The tfjs-wasm heap, for starting kernel threads over it. */
export function backendMemory(backend: BackendWasm): WebAssembly.Memory {
  return heapMemory(backend);
}

export function address(backend: BackendWasm, info: TensorInfo): number {
  return backend.getMemoryOffset(info.dataId);
}

/** A fresh view: the heap's buffer changes whenever tfjs grows the memory. */
export function heapF32(backend: BackendWasm): Float32Array {
  return (backend.wasm as unknown as { HEAPF32: Float32Array }).HEAPF32;
}

/** Output tensors come from the backend's allocator, so tfjs owns and frees them. */
export function allocate(backend: BackendWasm, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

export function release(backend: BackendWasm, info: TensorInfo): void {
  backend.disposeData(info.dataId);
}

export function writeF32(backend: BackendWasm, info: TensorInfo, values: ArrayLike<number>): void {
  heapF32(backend).set(values, address(backend, info) / 4);
}

/** A copy of the first `length` values of a tensor. */
export function readF32(backend: BackendWasm, info: TensorInfo, length: number): Float32Array {
  const start = address(backend, info) / 4;
  return heapF32(backend).slice(start, start + length);
}

export function fillF32(backend: BackendWasm, info: TensorInfo, length: number, value: number): void {
  const start = address(backend, info) / 4;
  heapF32(backend).fill(value, start, start + length);
}
