// The engine's own WASM kernels: registered with tfjs on first use, and used while the wasm
// backend is active (the portable tfjs-op implementations serve every other backend).
import { Add, getBackend, Identity, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { threadedAddConfig } from './add-kernel.ts';
import { convKernelConfigs } from './conv-kernels.ts';
import { sharingIdentityConfig } from './identity-kernel.ts';
import { maxPoolGradConfig } from './max-pool-kernel.ts';
import { normKernelConfigs } from './norm-kernels.ts';
import { sgdKernelConfig } from './sgd-kernel.ts';
import { RELAXED_SIMD } from './runtime.ts';

export { CONV_KERNELS } from './conv-kernels.ts';
export { NORM_KERNELS } from './norm-kernels.ts';
export { MAX_POOL_GRAD_KERNEL } from './max-pool-kernel.ts';
export { SGD_KERNEL } from './sgd-kernel.ts';

let registered = false;
let enabled = true;

/**
 * Kernels are assembled per layer shape and compiled synchronously. Browsers refuse that for
 * modules over 4 KB on a page's main thread (Node and Web Workers allow it), so a page that trains
 * outside a worker gets the portable path.
 */
const SYNC_COMPILE = !(typeof window !== 'undefined' && typeof document !== 'undefined');

/** Turns the assembled kernels off (or back on), e.g. to compare them with the portable path. */
export function setWasmKernels(on: boolean): void {
  enabled = on;
}

/** Whether the wasm backend is active (registering the engine's kernels with tfjs the first time). */
export function onWasmBackend(): boolean {
  if (getBackend() !== 'wasm') return false;
  if (!registered) {
    for (const config of [...convKernelConfigs, ...normKernelConfigs, maxPoolGradConfig, sgdKernelConfig]) registerKernel(config);
    const [identity, add] = [sharingIdentityConfig(), threadedAddConfig()];
    unregisterKernel(Identity, 'wasm');
    registerKernel(identity);
    unregisterKernel(Add, 'wasm');
    registerKernel(add);
    registered = true;
  }
  return true;
}

/** For backend descriptions: which conv and batch-norm kernels training on wasm runs. */
export function describeWasmKernels(): string {
  if (!SYNC_COMPILE) return 'portable kernels (no synchronous compilation on a page main thread)';
  return `engine kernels with ${RELAXED_SIMD ? 'relaxed-SIMD FMA' : 'SIMD mul+add'}`;
}

/** Whether ops should run the assembled conv and batch-norm kernels. */
export function wasmKernelsActive(): boolean {
  return enabled && SYNC_COMPILE && onWasmBackend();
}
