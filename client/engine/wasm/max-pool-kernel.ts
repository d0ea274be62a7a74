// MaxPoolGrad (3x3, stride 2, 'same') for wasm, whose own kernel mixes up channels; like PyTorch,
// each window's gradient goes to its first maximum, which matters for ties such as ReLU zeros.
import type { KernelConfig, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { samePadding } from '../ops/same-padding.ts';
import { address, allocate, heapF32 } from './runtime.ts';

export const MAX_POOL_GRAD_KERNEL = 'AutogrowMaxPoolGrad';
const SIZE = 3;
const STRIDE = 2;

function maxPoolGrad({ inputs, backend }: { inputs: NamedTensorInfoMap; backend: unknown }): TensorInfo {
  const wasm = backend as BackendWasm;
  const { dy, x } = inputs as { dy: TensorInfo; x: TensorInfo };
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const p = samePadding(h, w, SIZE, STRIDE);
  const dx = allocate(wasm, x.shape);
  const heap = heapF32(wasm);
  const xAt = address(wasm, x) / 4;
  const dyAt = address(wasm, dy) / 4;
  const dxAt = address(wasm, dx) / 4;
  heap.fill(0, dxAt, dxAt + n * h * w * c);
  for (let b = 0; b < n; b++) for (let i = 0; i < p.outH; i++) for (let j = 0; j < p.outW; j++) {
    for (let ch = 0; ch < c; ch++) {
      let best = -Infinity;
      let bestAt = -1;
      for (let r = Math.max(0, i * STRIDE - p.top); r < Math.min(h, i * STRIDE - p.top + SIZE); r++) {
        for (let s = Math.max(0, j * STRIDE - p.left); s < Math.min(w, j * STRIDE - p.left + SIZE); s++) {
          const at = ((b * h + r) * w + s) * c + ch;
          if (heap[xAt + at]! > best || bestAt < 0) {
            best = heap[xAt + at]!;
            bestAt = at;
          }
        }
      }
      heap[dxAt + bestAt] = heap[dxAt + bestAt]! + heap[dyAt + ((b * p.outH + i) * p.outW + j) * c + ch]!;
    }
  }
  return dx;
}

export const maxPoolGradConfig: KernelConfig = { kernelName: MAX_POOL_GRAD_KERNEL, backendName: 'wasm', kernelFunc: maxPoolGrad as KernelConfig['kernelFunc'] };
