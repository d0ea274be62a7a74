// The engine's side of its kernel threads: hands every kernel module to each thread, and runs a
// job (a list of independent kernel calls) on all active threads, this one included, blocking
// until every call is done, as a tfjs kernel must return its result synchronously.
import { CONTROL_BYTES, failureMessage, MAX_CALLS, SLOT, takeCalls, writeCall, type KernelCall, type KernelFunction } from './control-block.ts';
import { spawnKernelThread, type ThreadHandle } from './spawn-thread.ts';

/** Spin this long for the last calls before sleeping: most jobs end within it. */
const SPIN_MS = 0.1;
/** No call finishing for this long means a thread is gone. */
const STALL_MS = 60_000;

/** Where a job's calls find per-thread scratch: argument `arg` plus threadIndex * `stride` bytes. */
export interface ThreadScratch {
  arg: number;
  stride: number;
}

export class KernelPool {
  readonly size: number;
  readonly #control: Int32Array;
  readonly #threads: ThreadHandle[];
  readonly #modules: KernelFunction[][] = [];
  #active: number;
  #tag = 0;

  private constructor(control: SharedArrayBuffer, threads: ThreadHandle[]) {
    this.#control = new Int32Array(control);
    this.#threads = threads;
    this.size = threads.length + 1;
    this.#active = this.size;
  }

  /** `threads` counts this thread too, so `threads - 1` kernel threads start. */
  static async start(memory: WebAssembly.Memory, threads: number): Promise<KernelPool> {
    if (!(memory.buffer instanceof SharedArrayBuffer)) throw new Error('KernelPool.start: the heap is not shared memory');
    if (!Number.isInteger(threads) || threads < 2) throw new Error(`KernelPool.start: needs 2 or more threads, got ${threads}`);
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const handles = await Promise.all(Array.from({ length: threads - 1 }, () => spawnKernelThread()));
    handles.forEach((thread, i) => thread.post({ kind: 'start', memory, control, index: i + 1 }));
    try {
      await Promise.all(handles.map((thread) => thread.ready));
    } catch (error) {
      for (const thread of handles) thread.terminate();
      throw error;
    }
    return new KernelPool(control, handles);
  }

  get active(): number {
    return this.#active;
  }

  /** Kernel calls the other threads have run so far (the engine's thread runs the rest). */
  get helperCalls(): number {
    return Atomics.load(this.#control, SLOT.helperCalls);
  }

  /** How many threads (1 to size) take part in the next jobs. */
  setActive(threads: number): void {
    if (!Number.isInteger(threads) || threads < 1 || threads > this.size) throw new Error(`KernelPool.setActive: between 1 and ${this.size} threads, got ${threads}`);
    this.#active = threads;
  }

  /** Makes a module's functions (in export order) callable on every thread; returns its id. */
  register(module: WebAssembly.Module, functions: KernelFunction[]): number {
    this.#modules.push(functions);
    for (const thread of this.#threads) thread.post({ kind: 'module', module });
    return this.#modules.length - 1;
  }

  run(calls: KernelCall[], scratch?: ThreadScratch): void {
    if (calls.length > MAX_CALLS) throw new Error(`KernelPool.run: at most ${MAX_CALLS} calls per job, got ${calls.length}`);
    const control = this.#control;
    if (this.#active === 1 || calls.length === 1) {
      for (const { module, fn, args } of calls) this.#modules[module]![fn]!(...args);
      return;
    }
    calls.forEach((call, i) => writeCall(control, i, call));
    control[SLOT.modules] = this.#modules.length;
    control[SLOT.active] = this.#active;
    control[SLOT.scratchArg] = scratch ? scratch.arg : -1;
    control[SLOT.scratchStride] = scratch ? scratch.stride : 0;
    Atomics.store(control, SLOT.failed, 0);
    Atomics.store(control, SLOT.done, 0);
    this.#tag = (this.#tag + 1) & 0x7fff;
    // Count, then next, both with the job's tag (control-block.ts says why).
    Atomics.store(control, SLOT.count, (this.#tag << 16) | calls.length);
    Atomics.store(control, SLOT.next, this.#tag << 16);
    Atomics.add(control, SLOT.generation, 1);
    Atomics.notify(control, SLOT.generation);
    takeCalls(control, 0, this.#modules);
    this.#awaitDone(calls.length);
    if (Atomics.load(control, SLOT.failed)) throw new Error(`KernelPool.run: a kernel call failed (${failureMessage(control)})`);
  }

  #awaitDone(count: number): void {
    const control = this.#control;
    const spinUntil = performance.now() + SPIN_MS;
    for (;;) {
      const done = Atomics.load(control, SLOT.done);
      if (done >= count) return;
      if (performance.now() < spinUntil) continue;
      if (Atomics.wait(control, SLOT.done, done, STALL_MS) === 'timed-out' && Atomics.load(control, SLOT.done) === done) {
        throw new Error(`KernelPool.run: no kernel call finished for ${STALL_MS / 1000} s (${done} of ${count} done); a kernel thread is gone`);
      }
    }
  }

  terminate(): void {
    for (const thread of this.#threads) thread.terminate();
  }
}
