// The control block the engine's thread and its kernel threads share: one job at a time, a header
// and a table of kernel calls, in the Int32 slots of a SharedArrayBuffer. Both sides take calls
// from the same counter, so which thread runs which call varies, and nothing else does.

export const SLOT = {
  /** Bumped once per job; idle kernel threads wait on it. */
  generation: 0,
  /** (job tag << 16) | index of the next call to take; taken by compare-and-swap. */
  next: 1,
  /**
   * (job tag << 16) | number of calls. A thread takes a call only when both tags agree: the engine
   * writes a new job's calls while a thread may still be leaving the last one, and a count read
   * from the new job must never let an index of the old one through.
   */
  count: 2,
  done: 3,
  /** Modules a thread must hold to take this job's calls. */
  modules: 4,
  /** Threads taking part; the engine's own thread is thread 0. */
  active: 5,
  /** The argument that gets threadIndex * scratchStride added (per-thread scratch), or -1. */
  scratchArg: 6,
  scratchStride: 7,
  /** 1 once a call threw; its message follows as UTF-16 code units. */
  failed: 8,
  failedLength: 9,
  /** Calls the kernel threads (not the engine's thread) have run, ever: shows that they work. */
  helperCalls: 10,
} as const;

const MESSAGE_AT = 16;
const MESSAGE_UNITS = 240;
const CALLS_AT = MESSAGE_AT + MESSAGE_UNITS;
const CALL_SLOTS = 16;
export const MAX_ARGS = CALL_SLOTS - 3;
export const MAX_CALLS = 4096;
export const CONTROL_BYTES = (CALLS_AT + MAX_CALLS * CALL_SLOTS) * 4;

export type KernelFunction = (...args: number[]) => void;

/** One call: function `fn` of module `module` with i32 arguments (heap addresses, counts; no floats). */
export interface KernelCall {
  module: number;
  fn: number;
  args: readonly number[];
}

export function writeCall(control: Int32Array, index: number, { module, fn, args }: KernelCall): void {
  if (args.length > MAX_ARGS) throw new Error(`writeCall: a kernel call takes at most ${MAX_ARGS} arguments, got ${args.length}`);
  if (!args.every(Number.isInteger)) throw new Error(`writeCall: kernel threads take only i32 arguments, got ${args.join(', ')}`);
  const at = CALLS_AT + index * CALL_SLOTS;
  control[at] = module;
  control[at + 1] = fn;
  control[at + 2] = args.length;
  for (let i = 0; i < args.length; i++) control[at + 3 + i] = args[i]!;
}

function runCall(control: Int32Array, index: number, threadIndex: number, modules: KernelFunction[][]): void {
  const at = CALLS_AT + index * CALL_SLOTS;
  const fn = modules[control[at]!]![control[at + 1]!]!;
  const args = Array.from(control.subarray(at + 3, at + 3 + control[at + 2]!));
  const scratchArg = control[SLOT.scratchArg]!;
  if (scratchArg >= 0) args[scratchArg]! += threadIndex * control[SLOT.scratchStride]!;
  fn(...args);
}

function recordFailure(control: Int32Array, error: unknown): void {
  if (Atomics.compareExchange(control, SLOT.failed, 0, 1) !== 0) return;
  const text = (error instanceof Error ? error.message : String(error)).slice(0, MESSAGE_UNITS);
  for (let i = 0; i < text.length; i++) control[MESSAGE_AT + i] = text.charCodeAt(i);
  Atomics.store(control, SLOT.failedLength, text.length);
}

export function failureMessage(control: Int32Array): string {
  const length = Atomics.load(control, SLOT.failedLength);
  return String.fromCharCode(...control.subarray(MESSAGE_AT, MESSAGE_AT + length));
}

export type TakeResult = 'finished' | 'needs-modules' | 'inactive';

/**
 * Takes and runs calls of the current job until none is left. A thread that lacks the job's
 * modules, or is not among the active threads, takes none.
 */
export function takeCalls(control: Int32Array, threadIndex: number, modules: KernelFunction[][]): TakeResult {
  for (;;) {
    const next = Atomics.load(control, SLOT.next);
    // Read after `next`: the engine writes a job's calls, header and count before it publishes `next`.
    const job = Atomics.load(control, SLOT.count);
    const count = job & 0xffff;
    const index = next & 0xffff;
    if (next >>> 16 !== job >>> 16 || index >= count) return 'finished';
    if (threadIndex >= Atomics.load(control, SLOT.active)) return 'inactive';
    if (Atomics.load(control, SLOT.modules) > modules.length) return 'needs-modules';
    if (Atomics.compareExchange(control, SLOT.next, next, next + 1) !== next) continue;
    try {
      runCall(control, index, threadIndex, modules);
    } catch (error) {
      recordFailure(control, error);
    }
    if (threadIndex > 0) Atomics.add(control, SLOT.helperCalls, 1);
    if (Atomics.add(control, SLOT.done, 1) + 1 === count) Atomics.notify(control, SLOT.done);
  }
}
