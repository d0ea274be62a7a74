// A zero-copy Identity for the wasm backend: tfjs-wasm's copies the data, and tf.customGrad clones
// every tensor it saves; tensors are immutable, so sharing by reference count is safe (as on cpu).
import { getKernel, Identity, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function sharingIdentityConfig(): KernelConfig {
  const stock = getKernel(Identity, 'wasm');
  if (!stock) throw new Error('sharingIdentityConfig: tfjs-wasm registers no Identity kernel to replace');
  return {
    kernelName: Identity,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = args.inputs.x as TensorInfo;
      if (x.dtype === 'string') return stock.kernelFunc(args);
      (args.backend as BackendWasm).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  };
}
