// One SGD step of one parameter as a single wasm kernel (tfjs ops take six): the same float32
// arithmetic as the op chain in optim/sgd.ts, each product and sum rounded, no fused multiply-add.
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { address, allocate, heapF32 } from './runtime.ts';

export const SGD_KERNEL = 'AutogrowSgdStep';

export interface SgdAttrs {
  learningRate: number;
  momentum: number;
  weightDecay: number;
}

/** [weight', buffer'] with g = grad + wd * w, buffer' = m * buffer + g, weight' = w - lr * buffer'. */
function sgdStep({ inputs, attrs, backend }: { inputs: NamedTensorInfoMap; attrs?: NamedAttrMap; backend: unknown }): TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { weight, buffer, grad } = inputs as { weight: TensorInfo; buffer: TensorInfo; grad: TensorInfo };
  const { learningRate, momentum, weightDecay } = attrs as unknown as SgdAttrs;
  const [lr, m, wd] = [learningRate, momentum, weightDecay].map(Math.fround) as [number, number, number];
  const nextWeight = allocate(wasm, weight.shape);
  const nextBuffer = allocate(wasm, weight.shape);
  const heap = heapF32(wasm);
  const [w, b, g, w2, b2] = [weight, buffer, grad, nextWeight, nextBuffer].map((t) => address(wasm, t) / 4) as [number, number, number, number, number];
  const size = weight.shape.reduce((a, c) => a * c, 1);
  const f = Math.fround;
  for (let i = 0; i < size; i++) {
    const decayed = wd === 0 ? heap[g + i]! : f(heap[g + i]! + f(heap[w + i]! * wd));
    const next = f(f(heap[b + i]! * m) + decayed);
    heap[b2 + i] = next;
    heap[w2 + i] = f(heap[w + i]! - f(next * lr));
  }
  return [nextWeight, nextBuffer];
}

export const sgdKernelConfig: KernelConfig = { kernelName: SGD_KERNEL, backendName: 'wasm', kernelFunc: sgdStep as KernelConfig['kernelFunc'] };
