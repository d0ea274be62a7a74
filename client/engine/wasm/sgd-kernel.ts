// The SGD step of every parameter as one wasm kernel (tfjs ops take six per parameter): the same
// float32 arithmetic as the op chain in optim/sgd.ts, each product and sum rounded (no fused
// multiply-add), SIMD where a tensor's size is a multiple of 4, and the tensors spread over the
// kernel threads.
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { FunctionBuilder } from './assembler.ts';
import { bump, offsetFrom, repeat } from './emit.ts';
import { address, allocate, heapF32, release, shapeKernel, writeF32 } from './runtime.ts';

export const SGD_KERNEL = 'AutogrowSgdStep';

export interface SgdAttrs {
  learningRate: number;
  momentum: number;
  weightDecay: number;
  /** How many parameters; inputs are named weight0, buffer0, grad0, weight1, ... */
  count: number;
}

/**
 * sgd(w, buf, grad, nextW, nextBuf, vectors, hyper) over four floats at a time; hyper points at
 * [lr, m, wd] in the heap (kernel threads pass only i32 arguments).
 */
function buildSgd(): FunctionBuilder {
  const f = new FunctionBuilder(Array(7).fill('i32'));
  const [W, B, G, NW, NB, VECTORS, HYPER] = [0, 1, 2, 3, 4, 5, 6];
  const pointers = f.locals('i32', 5);
  const [lr, m, wd, w, next] = f.locals('v128', 5);
  [W, B, G, NW, NB].forEach((param, i) => offsetFrom(f, pointers[i]!, param));
  [lr, m, wd].forEach((local, i) => f.op('local.get', HYPER).op('v128.load32_splat', i * 4).op('local.set', local));
  const [pw, pb, pg, pnw, pnb] = pointers as [number, number, number, number, number];
  repeat(f, { local: VECTORS }, () => {
    f.op('local.get', pw).op('v128.load', 0).op('local.set', w);
    // next = m * buf + (grad + wd * w)
    f.op('local.get', pb).op('v128.load', 0).op('local.get', m).op('f32x4.mul');
    f.op('local.get', pg).op('v128.load', 0).op('local.get', w).op('local.get', wd).op('f32x4.mul').op('f32x4.add');
    f.op('f32x4.add').op('local.set', next);
    f.op('local.get', pnb).op('local.get', next).op('v128.store', 0);
    f.op('local.get', pnw).op('local.get', w).op('local.get', next).op('local.get', lr).op('f32x4.mul').op('f32x4.sub').op('v128.store', 0);
    for (const pointer of pointers) bump(f, pointer, 16);
  });
  return f;
}

/** The same step in JavaScript, for a tensor whose size is no multiple of 4 (a 10-class bias). */
function sgdScalar(heap: Float32Array, [w, b, g, nw, nb]: number[], size: number, [lr, m, wd]: number[]): void {
  const f = Math.fround;
  for (let i = 0; i < size; i++) {
    const next = f(f(heap[b! + i]! * m!) + f(heap[g! + i]! + f(heap[w! + i]! * wd!)));
    heap[nb! + i] = next;
    heap[nw! + i] = f(heap[w! + i]! - f(next * lr!));
  }
}

/** [weight0', buffer0', weight1', ...] with g = grad + wd * w, buffer' = m * buffer + g, weight' = w - lr * buffer'. */
function sgdStep({ inputs, attrs, backend }: { inputs: NamedTensorInfoMap; attrs?: NamedAttrMap; backend: unknown }): TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { learningRate, momentum, weightDecay, count } = attrs as unknown as SgdAttrs;
  const hyper = [learningRate, momentum, weightDecay].map(Math.fround);
  const hyperTensor = allocate(wasm, [hyper.length]);
  writeF32(wasm, hyperTensor, hyper);
  const outputs: TensorInfo[] = [];
  const calls: number[][] = [];
  for (let i = 0; i < count; i++) {
    const [weight, buffer, grad] = ['weight', 'buffer', 'grad'].map((name) => inputs[`${name}${i}`] as TensorInfo) as [TensorInfo, TensorInfo, TensorInfo];
    const next = [allocate(wasm, weight.shape), allocate(wasm, weight.shape)] as const;
    outputs.push(...next);
    const addresses = [weight, buffer, grad, ...next].map((t) => address(wasm, t));
    const size = weight.shape.reduce((a, b) => a * b, 1);
    if (size % 4 === 0) calls.push([...addresses, size / 4, address(wasm, hyperTensor)]);
    else sgdScalar(heapF32(wasm), addresses.map((a) => a / 4), size, hyper);
  }
  if (calls.length) shapeKernel(wasm, 'sgd', () => ({ sgd: buildSgd() })).calls('sgd', calls);
  release(wasm, hyperTensor);
  return outputs;
}

export const sgdKernelConfig: KernelConfig = { kernelName: SGD_KERNEL, backendName: 'wasm', kernelFunc: sgdStep as KernelConfig['kernelFunc'] };
