// tfjs kernels (wasm backend) for training-mode batch norm: two-pass moments, fused normalize +
// residual + ReLU, and the closed-form backward; partial sums per chunk are added in float64.
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { normKernel, type NormKernelKind, type NormSpec } from './norm-codegen.ts';
import { chunkPixels } from './norm-reduce-codegen.ts';
import { workParts } from '../threads/index.ts';
import { address, allocate, heapF32, release, shapeKernel, writeF32 } from './runtime.ts';

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

function normKernelOf(backend: BackendWasm, kind: NormKernelKind, spec: NormSpec) {
  return shapeKernel(backend, `norm:${kind}:${JSON.stringify(spec)}`, normKernel(kind, spec));
}

/** A tensor's address moved `pixels` pixels on; 0 stands for an absent tensor and stays 0. */
const at = (address: number, pixels: number, channels: number): number => (address === 0 ? 0 : address + pixels * channels * 4);

/** A stream the reduction reads: per pixel (moves with each part), or one vector per channel. */
interface Stream {
  address: number;
  perPixel: boolean;
}

/**
 * Runs a chunked reduction and returns its per-channel totals, summed over chunks in float64.
 * The chunks are fixed by the shape, so however the threads share them the totals are the same.
 */
function reduce(backend: BackendWasm, kind: NormKernelKind, spec: NormSpec, pixels: number, sums: number, streams: Stream[]): Float64Array[] {
  const chunk = chunkPixels(spec.channels);
  const chunks = Math.ceil(pixels / chunk);
  const partial = allocate(backend, [chunks, sums, spec.channels]);
  const parts = workParts(chunks).map(({ first, count }) => [
    count, Math.min(pixels - first * chunk, count * chunk), address(backend, partial) + first * sums * spec.channels * 4,
    ...streams.map((s) => (s.perPixel ? at(s.address, first * chunk, spec.channels) : s.address)),
  ]);
  normKernelOf(backend, kind, spec).calls(kind, parts);
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
  const [sum] = reduce(wasm, 'sums', spec, pixels, 1, [{ address: address(wasm, x), perPixel: true }]);
  const mean = allocate(wasm, [channels]);
  writeF32(wasm, mean, sum!.map((s) => s / pixels));
  const [squares] = reduce(wasm, 'squaredDeviations', spec, pixels, 1, [{ address: address(wasm, x), perPixel: true }, { address: address(wasm, mean), perPixel: false }]);
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
  const [xAt, residualAt, outAt] = [address(wasm, x), residual ? address(wasm, residual) : 0, address(wasm, out)];
  const parts = workParts(pixelsOf(x)).map(({ first, count }) => [count, at(xAt, first, channels), address(wasm, coefficients), at(residualAt, first, channels), at(outAt, first, channels)]);
  normKernelOf(wasm, 'apply', { channels, relu, residual: residual !== undefined }).calls('apply', parts);
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
  const streams = [...[dy, y, x].map((t) => ({ address: t ? address(wasm, t) : 0, perPixel: true })), { address: address(wasm, mean), perPixel: false }];
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
  const [dyAt, yAt, xAt, dxAt, gAt] = [dy, y, x, dx, g].map((t) => (t ? address(wasm, t) : 0)) as [number, number, number, number, number];
  const parts = workParts(pixelsOf(x)).map(({ first, count }) => [
    count, at(dyAt, first, channels), at(yAt, first, channels), at(xAt, first, channels), address(wasm, coefficients), at(dxAt, first, channels), at(gAt, first, channels),
  ]);
  normKernelOf(wasm, 'gradApply', { channels, relu, residual }).calls('gradApply', parts);
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
