// Stock tfjs-wasm 4.22 has no Conv2DBackpropFilter, so stock training cannot run; for a baseline that
// runs, the bench registers the engine's filter-gradient kernel under that name (all else stock).
import { registerKernel, type NamedAttrMap } from '@tensorflow/tfjs-core';
import { filterGrad, type KernelArgs } from '../engine/wasm/conv-kernels.ts';

export function registerStockFilterGrad(): void {
  registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { strides, pad, filterShape } = args.attrs as { strides: number[] | number; pad: unknown; filterShape: number[] };
      if (pad !== 'same') throw new Error(`registerStockFilterGrad: only 'same' padding, got ${String(pad)}`);
      const stride = Array.isArray(strides) ? strides[0]! : strides;
      const { dy, x } = args.inputs;
      return filterGrad({ inputs: { x: x!, dy: dy! }, attrs: { stride, kernel: filterShape[0]! } as unknown as NamedAttrMap, backend: args.backend } as KernelArgs);
    },
  });
}
