// The training engine: tfjs-core with explicit named parameters, closed-form gradients, and its
// own WASM kernels for convolutions and batch norm, on as many threads as the volunteer allows.
export { initBackend, type BackendName, type StartedBackend } from './backend.ts';
export { Trainer, type EvalSummary } from './trainer.ts';
export type { TrainSummary } from './batch-loop.ts';
export type { Hyper } from './optim/sgd.ts';
export { forward, type ForwardOptions, type ParamLookup } from './network/forward.ts';
export { BN_EPSILON } from './ops/batch-norm.ts';
export { setWasmKernels } from './wasm/index.ts';
export { defaultThreads, type WasmOptions } from './wasm-start.ts';
export { kernelThreadCapacity, kernelThreads, setKernelThreads } from './threads/index.ts';
