// Small code-generation idioms shared by the kernel builders: counted loops, pointer bumps and
// the multiply-accumulate that is fused where the engine supports relaxed SIMD.
import type { FunctionBuilder } from './assembler.ts';

/** A loop count known when the kernel is built, or held in a local at run time (then at least 1). */
export type Count = number | { local: number };

/** Runs body `count` times; a constant count of 0 emits nothing, 1 emits the body without a loop. */
export function repeat(f: FunctionBuilder, count: Count, body: () => void): void {
  if (typeof count === 'number') {
    if (count <= 0) return;
    if (count === 1) return body();
  }
  const counter = f.local('i32');
  f.op('i32.const', 0).op('local.set', counter).op('loop');
  body();
  f.op('local.get', counter).op('i32.const', 1).op('i32.add').op('local.tee', counter);
  if (typeof count === 'number') f.op('i32.const', count);
  else f.op('local.get', count.local);
  f.op('i32.lt_u').op('br_if', 0).op('end');
}

/** local += bytes */
export function bump(f: FunctionBuilder, local: number, bytes: number): void {
  if (bytes === 0) return;
  f.op('local.get', local).op('i32.const', bytes).op('i32.add').op('local.set', local);
}

/** target = source + bytes */
export function offsetFrom(f: FunctionBuilder, target: number, source: number, bytes = 0): void {
  f.op('local.get', source);
  if (bytes !== 0) f.op('i32.const', bytes).op('i32.add');
  f.op('local.set', target);
}

export function zero(f: FunctionBuilder, v128: number): void {
  f.op('f32.const', 0).op('f32x4.splat').op('local.set', v128);
}

/** Pushes a * b + c for the three v128 locals (fused where relaxed SIMD is available). */
export function pushMulAdd(f: FunctionBuilder, fma: boolean, a: number, b: number, c: number): void {
  if (fma) f.op('local.get', a).op('local.get', b).op('local.get', c).op('f32x4.relaxed_madd');
  else f.op('local.get', a).op('local.get', b).op('f32x4.mul').op('local.get', c).op('f32x4.add');
}

/** acc = a * b + acc */
export function mulAdd(f: FunctionBuilder, fma: boolean, a: number, b: number, acc: number): void {
  pushMulAdd(f, fma, a, b, acc);
  f.op('local.set', acc);
}

export function loadV128(f: FunctionBuilder, target: number, pointer: number, offset: number): void {
  f.op('local.get', pointer).op('v128.load', offset).op('local.set', target);
}

export function splatF32(f: FunctionBuilder, target: number, pointer: number, offset: number): void {
  f.op('local.get', pointer).op('v128.load32_splat', offset).op('local.set', target);
}

export function storeV128(f: FunctionBuilder, pointer: number, offset: number, value: number): void {
  f.op('local.get', pointer).op('local.get', value).op('v128.store', offset);
}

export const plainStore = (f: FunctionBuilder): OutputStore => (pointer, offset, value) => storeV128(f, pointer, offset, value);

/** How a kernel stores an output vector: plainly, or through an epilogue. */
export type OutputStore = (pointer: number, offset: number, value: number) => void;

/** Locals of a batch-norm epilogue: this output vector's scale and shift, the residual's distance from the output. */
export interface NormalizeLocals {
  scale: number;
  shift: number;
  zero: number;
  /** i32: residual address minus output address (a local), or null without a residual. */
  residualDelta: number | null;
  relu: boolean;
}

/** Stores relu?(value * scale + shift + residual?) as the norm-apply kernel computes it. */
export function normalizedStore(f: FunctionBuilder, fma: boolean, e: NormalizeLocals): OutputStore {
  return (pointer, offset, value) => {
    f.op('local.get', pointer);
    pushMulAdd(f, fma, value, e.scale, e.shift);
    if (e.residualDelta !== null) f.op('local.get', pointer).op('local.get', e.residualDelta).op('i32.add').op('v128.load', offset).op('f32x4.add');
    if (e.relu) f.op('local.get', e.zero).op('f32x4.max');
    f.op('v128.store', offset);
  };
}

/**
 * The byte distance between the planes of transformed tiles (one per Winograd xi): a whole number
 * of KiB would put the same element of every plane in the same L1 set, and 16 or 36 of them
 * evict each other; one cache line more spreads them.
 */
export function planeStride(bytes: number): number {
  return bytes % 1024 === 0 ? bytes + 64 : bytes;
}

/** Output-channel block and pixel tile of the register-blocked GEMM kernels (16 or fewer accumulators). */
export function registerTile(channels: number): { columns: number; rows: number } {
  if (channels % 16 === 0) return { columns: 16, rows: 2 };
  if (channels % 8 === 0) return { columns: 8, rows: 4 };
  return { columns: 4, rows: 4 };
}


/**
 * The v128 locals of one register tile: acc[row][vector] accumulators, b[vector] for the loaded
 * weights (or gradients) and a for the splatted input value.
 */
export function tileLocals(f: FunctionBuilder, rows: number, vectors: number): { acc: number[][]; b: number[]; a: number } {
  const acc = Array.from({ length: rows }, () => Array.from({ length: vectors }, () => f.local('v128')));
  const b = Array.from({ length: vectors }, () => f.local('v128'));
  return { acc, b, a: f.local('v128') };
}
