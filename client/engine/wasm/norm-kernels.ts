// tfjs kernels (wasm backend) for training-mode batch norm: two-pass moments, fused normalize +
// residual + ReLU, and the closed-form backward; partial sums per chunk are added in float64.
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { normKernel, type NormKernelKind, type NormSpec } from './norm-codegen.ts';
import { chunkPixels } from './norm-reduce-codegen.ts';
import { address, allocate, heapF32, kernelFunctions, release, writeF32 } from './runtime.ts';

export const NORM_KERNELS = {
  moments: 'AutogrowMoments',
  apply: 'AutogrowNormApply',
  gradReduce: 'AutogrowNormGradReduce',
  gradApply: 'AutogrowNormGradApply',
} as const;

export interface NormAttrs {
  relu: boolean;
  /** gradApply: also return the masked gradient, for the residual branch. */
  residual?: boolean;
}

type KernelArgs = { inputs: NamedTensorInfoMap; attrs?: NamedAttrMap; backend: unknown };

const pixelsOf = (info: TensorInfo): number => info.shape.slice(0, -1).reduce((a, b) => a * b, 1);
const channelsOf = (info: TensorInfo): number => info.shape[info.shape.length - 1]!;

function normFunction(backend: BackendWasm, kind: NormKernelKind, spec: NormSpec) {
  return kernelFunctions(backend, `norm:${kind}:${JSON.stringify(spec)}`, normKernel(kind, spec))[kind]!;
}

/** Runs a chunked reduction and returns its per-channel totals, summed over chunks in float64. */
function reduce(backend: BackendWasm, kind: NormKernelKind, spec: NormSpec, pixels: number, sums: number, streams: number[]): Float64Array[] {
  const chunks = Math.ceil(pixels / chunkPixels(spec.channels));
  const partial = allocate(backend, [chunks, sums, spec.channels]);
  normFunction(backend, kind, spec)(chunks, pixels, address(backend, partial), ...streams);
  const heap = heapF32(backend);
  const start = address(backend, partial) / 4;
  const totals = Array.from({ length: sums }, () => new Float64Array(spec.channels));
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (let k = 0; k < sums; k++) {
      const row = start + (chunk * sums + k) * spec.channels;
      const total = totals[k]!;
      for (let c = 0; c < spec.channels; c++) total[c]! += heap[row + c]!;
    }
  }
  release(backend, partial);
  return totals;
}

/** Two passes (mean, then squared deviations from it), so large means do not cancel the variance. */
function moments({ inputs, backend }: KernelArgs): TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { x } = inputs as { x: TensorInfo };
  const channels = channelsOf(x);
  const pixels = pixelsOf(x);
  const spec: NormSpec = { channels, relu: false, residual: false };
  const [sum] = reduce(wasm, 'sums', spec, pixels, 1, [address(wasm, x)]);
  const mean = allocate(wasm, [channels]);
  writeF32(wasm, mean, sum!.map((s) => s / pixels));
  const [squares] = reduce(wasm, 'squaredDeviations', spec, pixels, 1, [address(wasm, x), address(wasm, mean)]);
  const variance = allocate(wasm, [channels]);
  writeF32(wasm, variance, squares!.map((s) => s / pixels));
  return [mean, variance];
}

/** Per-channel vectors packed side by side, as the element-wise kernels read them. */
function packed(backend: BackendWasm, vectors: TensorInfo[], channels: number): TensorInfo {
  const out = allocate(backend, [vectors.length * channels]);
  const heap = heapF32(backend);
  vectors.forEach((v, i) => heap.copyWithin(address(backend, out) / 4 + i * channels, address(backend, v) / 4, address(backend, v) / 4 + channels));
  return out;
}

function apply({ inputs, attrs, backend }: KernelArgs): TensorInfo {
  const wasm = backend as BackendWasm;
  const { x, scale, shift, residual } = inputs as { x: TensorInfo; scale: TensorInfo; shift: TensorInfo; residual?: TensorInfo };
  const { relu } = attrs as unknown as NormAttrs;
  const channels = channelsOf(x);
  const coefficients = packed(wasm, [scale, shift], channels);
  const out = allocate(wasm, x.shape);
  const run = normFunction(wasm, 'apply', { channels, relu, residual: residual !== undefined });
  run(pixelsOf(x), address(wasm, x), address(wasm, coefficients), residual ? address(wasm, residual) : 0, address(wasm, out));
  release(wasm, coefficients);
  return out;
}

/** [sum(g), sum(g * (x - mean))] with g = dy masked by the ReLU output y. */
function gradReduce({ inputs, attrs, backend }: KernelArgs): TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { dy, y, x, mean } = inputs as { dy: TensorInfo; y?: TensorInfo; x: TensorInfo; mean: TensorInfo };
  const { relu } = attrs as unknown as NormAttrs;
  const channels = channelsOf(x);
  const spec: NormSpec = { channels, relu, residual: false };
  const streams = [address(wasm, dy), y ? address(wasm, y) : 0, address(wasm, x), address(wasm, mean)];
  return reduce(wasm, 'gradReduce', spec, pixelsOf(x), 2, streams).map((total) => {
    const out = allocate(wasm, [channels]);
    writeF32(wasm, out, total);
    return out;
  });
}

/** dx = g * a + (x - mean) * b + c; with `residual` also returns g, the gradient past the add. */
function gradApply({ inputs, attrs, backend }: KernelArgs): TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { dy, y, x, mean, a, b, c } = inputs as Record<'dy' | 'x' | 'mean' | 'a' | 'b' | 'c', TensorInfo> & { y?: TensorInfo };
  const { relu, residual = false } = attrs as unknown as NormAttrs;
  const channels = channelsOf(x);
  const coefficients = packed(wasm, [mean, a, b, c], channels);
  const dx = allocate(wasm, x.shape);
  const g = residual ? allocate(wasm, x.shape) : null;
  const run = normFunction(wasm, 'gradApply', { channels, relu, residual });
  run(pixelsOf(x), address(wasm, dy), y ? address(wasm, y) : 0, address(wasm, x), address(wasm, coefficients), address(wasm, dx), g ? address(wasm, g) : 0);
  release(wasm, coefficients);
  return g ? [dx, g] : [dx];
}

const config = (kernelName: string, kernelFunc: (args: KernelArgs) => TensorInfo | TensorInfo[]): KernelConfig => ({
  kernelName,
  backendName: 'wasm',
  kernelFunc: kernelFunc as KernelConfig['kernelFunc'],
});

export const normKernelConfigs: KernelConfig[] = [
  config(NORM_KERNELS.moments, moments),
  config(NORM_KERNELS.apply, apply),
  config(NORM_KERNELS.gradReduce, gradReduce),
  config(NORM_KERNELS.gradApply, gradApply),
];
