// Add for the wasm backend: tfjs sums the gradients of a tensor used twice (a residual block's
// input) with Add, on activations of a million values; same-shape float32 sums of that size run
// as a SIMD kernel on every kernel thread, everything else in tfjs-wasm's own kernel.
import { Add, getKernel, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { FunctionBuilder } from './assembler.ts';
import { bump, offsetFrom, repeat } from './emit.ts';
import { workParts } from '../threads/index.ts';
import { address, allocate, shapeKernel } from './runtime.ts';

/** Below this many values tfjs's own Add costs less than splitting the work. */
const MIN_VALUES = 16384;

/** add(a, b, out, vectors): out = a + b, four floats per vector. */
function buildAdd(): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32']);
  const [A, B, OUT, VECTORS] = [0, 1, 2, 3];
  const [pa, pb, po] = f.locals('i32', 3);
  [A, B, OUT].forEach((param, i) => offsetFrom(f, [pa, pb, po][i]!, param));
  repeat(f, { local: VECTORS }, () => {
    f.op('local.get', po).op('local.get', pa).op('v128.load', 0).op('local.get', pb).op('v128.load', 0).op('f32x4.add').op('v128.store', 0);
    for (const pointer of [pa, pb, po]) bump(f, pointer, 16);
  });
  return f;
}

/** out = a + b over `floats` float32 values (a multiple of 4) at heap addresses, split over the kernel threads. */
export function addF32(backend: BackendWasm, a: number, b: number, out: number, floats: number): void {
  const parts = workParts(floats / 4).map(({ first, count }) => [a + first * 16, b + first * 16, out + first * 16, count]);
  shapeKernel(backend, 'add', () => ({ add: buildAdd() })).calls('add', parts);
}

export function threadedAddConfig(): KernelConfig {
  const stock = getKernel(Add, 'wasm');
  if (!stock) throw new Error('threadedAddConfig: tfjs-wasm registers no Add kernel to stand in front of');
  return {
    kernelName: Add,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      const size = a.shape.reduce((x, y) => x * y, 1);
      if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.join() !== b.shape.join() || size < MIN_VALUES || size % 4) return stock.kernelFunc(args);
      const backend = args.backend as BackendWasm;
      const out = allocate(backend, a.shape);
      const [pa, pb, po] = [a, b, out].map((t) => address(backend, t)) as [number, number, number];
      addF32(backend, pa, pb, po, size);
      return out;
    },
  };
}
