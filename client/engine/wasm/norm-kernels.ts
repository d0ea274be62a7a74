// tfjs kernels (wasm backend) for training-mode batch norm: two-pass statistics, fused normalize +
// residual + ReLU, and the closed-form backward; partial sums per chunk are added in float64, and
// the per-channel coefficients are computed from them in float64.
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { normKernel, type NormKernelKind, type NormSpec } from './norm-codegen.ts';
import { chunkPixels } from './norm-reduce-codegen.ts';
import { workParts } from '../threads/index.ts';
import { address, allocate, heapF32, readF32, release, shapeKernel, writeF32 } from './runtime.ts';

export const NORM_KERNELS = {
  statistics: 'AutogrowNormStatistics',
  apply: 'AutogrowNormApply',
  gradient: 'AutogrowNormGradient',
  gradApply: 'AutogrowNormGradApply',
  running: 'AutogrowNormRunning',
  affine: 'AutogrowNormAffine',
} as const;

export interface NormAttrs {
  relu: boolean;
  /** gradApply: also return the masked gradient, for the residual branch. */
  residual?: boolean;
}

export interface StatisticsAttrs {
  epsilon: number;
}

export interface RunningAttrs {
  /** Values per channel the batch statistics cover. */
  count: number;
  momentum: number;
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
 * Runs a chunked reduction and returns each chunk's partial sums, [chunks][sums][channels]. The
 * chunks are fixed by the shape, so however the threads share them the partials are the same.
 */
function chunkPartials(backend: BackendWasm, kind: NormKernelKind, spec: NormSpec, pixels: number, sums: number, streams: Stream[]): { values: Float32Array; chunk: number } {
  const chunk = chunkPixels(spec.channels);
  const chunks = Math.ceil(pixels / chunk);
  const partial = allocate(backend, [chunks, sums, spec.channels]);
  const parts = workParts(chunks).map(({ first, count }) => [
    count, Math.min(pixels - first * chunk, count * chunk), address(backend, partial) + first * sums * spec.channels * 4,
    ...streams.map((s) => (s.perPixel ? at(s.address, first * chunk, spec.channels) : s.address)),
  ]);
  normKernelOf(backend, kind, spec).calls(kind, parts);
  const values = readF32(backend, partial, chunks * sums * spec.channels);
  release(backend, partial);
  return { values, chunk };
}

/** A chunked reduction's per-channel totals, the chunks added in float64. */
function reduce(backend: BackendWasm, kind: NormKernelKind, spec: NormSpec, pixels: number, sums: number, streams: Stream[]): Float64Array[] {
  const { values } = chunkPartials(backend, kind, spec, pixels, sums, streams);
  const totals = Array.from({ length: sums }, () => new Float64Array(spec.channels));
  for (let row = 0; row < values.length / spec.channels; row++) {
    const total = totals[row % sums]!;
    for (let c = 0; c < spec.channels; c++) total[c]! += values[row * spec.channels + c]!;
  }
  return totals;
}

/** A per-channel output vector holding `values` (float64, rounded to float32 once). */
function vector(backend: BackendWasm, values: ArrayLike<number>): TensorInfo {
  const out = allocate(backend, [values.length]);
  writeF32(backend, out, values);
  return out;
}

/**
 * [mean, variance, rstd, scale, shift] of x over N, H, W. Each chunk gives its sum and its squared
 * deviations from its own mean (two passes over the chunk in L1, one over x in memory, and no
 * cancellation when the mean dwarfs the spread); they combine exactly in float64:
 * sum over chunks of S + 2 (a - mean) (sum - n a) + n (a - mean)^2, a being the chunk's centre.
 */
function statistics({ inputs, attrs, backend }: KernelArgs): TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { x, gamma, beta } = inputs as { x: TensorInfo; gamma: TensorInfo; beta: TensorInfo };
  const { epsilon } = attrs as unknown as StatisticsAttrs;
  const channels = channelsOf(x);
  const pixels = pixelsOf(x);
  const { values, chunk } = chunkPartials(wasm, 'chunkMoments', { channels, relu: false, residual: false }, pixels, 2, [{ address: address(wasm, x), perPixel: true }]);
  const chunks = values.length / (2 * channels);
  const meanValues = new Float64Array(channels);
  for (let k = 0; k < chunks; k++) for (let c = 0; c < channels; c++) meanValues[c]! += values[2 * k * channels + c]!;
  meanValues.forEach((total, c) => (meanValues[c] = total / pixels));
  const squares = new Float64Array(channels);
  for (let k = 0; k < chunks; k++) {
    const n = Math.min(chunk, pixels - k * chunk);
    const inverse = Math.fround(1 / n);
    const row = 2 * k * channels;
    for (let c = 0; c < channels; c++) {
      const sum = values[row + c]!;
      const centre = Math.fround(sum * inverse);
      const offset = centre - meanValues[c]!;
      squares[c]! += values[row + channels + c]! + 2 * offset * (sum - n * centre) + n * offset * offset;
    }
  }
  const variance = squares.map((s) => s / pixels);
  const rstd = variance.map((v) => 1 / Math.sqrt(v + epsilon));
  const mean = vector(wasm, meanValues);
  const [storedMean, gammaValues, betaValues] = [mean, gamma, beta].map((t) => readF32(wasm, t, channels));
  const scale = rstd.map((r, c) => gammaValues![c]! * r);
  const shift = scale.map((a, c) => betaValues![c]! - storedMean![c]! * a);
  return [mean, ...[variance, rstd, scale, shift].map((values) => vector(wasm, values))];
}

/** The running mean and variance after one batch, computed in float64 (formula in ops/norm-paths.ts). */
function running({ inputs, attrs, backend }: KernelArgs): TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { runningMean, runningVar, mean, variance } = inputs as Record<'runningMean' | 'runningVar' | 'mean' | 'variance', TensorInfo>;
  const { count, momentum } = attrs as unknown as RunningAttrs;
  const channels = mean.shape[0]!;
  const [rm, rv, m, v] = [runningMean, runningVar, mean, variance].map((t) => readF32(wasm, t, channels)) as Float32Array[];
  const unbiased = count / (count - 1);
  return [
    vector(wasm, Array.from(rm!, (r, c) => (1 - momentum) * r + momentum * m![c]!)),
    vector(wasm, Array.from(rv!, (r, c) => (1 - momentum) * r + momentum * unbiased * v![c]!)),
  ];
}

/** Evaluation mode's [scale, shift] from the running statistics, in float64. */
function affine({ inputs, attrs, backend }: KernelArgs): TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { gamma, beta, mean, variance } = inputs as Record<'gamma' | 'beta' | 'mean' | 'variance', TensorInfo>;
  const { epsilon } = attrs as unknown as StatisticsAttrs;
  const channels = gamma.shape[0]!;
  const [g, b, m, v] = [gamma, beta, mean, variance].map((t) => readF32(wasm, t, channels)) as Float32Array[];
  const scale = Array.from(g!, (gc, c) => gc / Math.sqrt(v![c]! + epsilon));
  return [vector(wasm, scale), vector(wasm, scale.map((a, c) => b![c]! - m![c]! * a))];
}

/** Per-channel vectors packed side by side, as the element-wise kernels read them. */
function packed(backend: BackendWasm, vectors: TensorInfo[], channels: number): TensorInfo {
  const out = allocate(backend, [vectors.length * channels]);
  const heap = heapF32(backend);
  vectors.forEach((v, i) => heap.copyWithin(address(backend, out) / 4 + i * channels, address(backend, v) / 4, address(backend, v) / 4 + channels));
  return out;
}

/** [scale][shift] side by side, as the apply kernel and the conv epilogues read them. */
export function packedScaleShift(backend: BackendWasm, scale: TensorInfo, shift: TensorInfo): TensorInfo {
  return packed(backend, [scale, shift], scale.shape[0]!);
}

function apply({ inputs, attrs, backend }: KernelArgs): TensorInfo {
  const { x, scale, shift, residual } = inputs as { x: TensorInfo; scale: TensorInfo; shift: TensorInfo; residual?: TensorInfo };
  const { relu } = attrs as unknown as NormAttrs;
  return normalizeApply(backend as BackendWasm, x, scale, shift, residual ?? null, relu);
}

/** relu?(x * scale + shift + residual?) as a new tensor. */
export function normalizeApply(wasm: BackendWasm, x: TensorInfo, scale: TensorInfo, shift: TensorInfo, residual: TensorInfo | null, relu: boolean): TensorInfo {
  const channels = channelsOf(x);
  const coefficients = packed(wasm, [scale, shift], channels);
  const out = allocate(wasm, x.shape);
  const [xAt, residualAt, outAt] = [address(wasm, x), residual ? address(wasm, residual) : 0, address(wasm, out)];
  const parts = workParts(pixelsOf(x)).map(({ first, count }) => [count, at(xAt, first, channels), address(wasm, coefficients), at(residualAt, first, channels), at(outAt, first, channels)]);
  normKernelOf(wasm, 'apply', { channels, relu, residual: residual !== null }).calls('apply', parts);
  release(wasm, coefficients);
  return out;
}

/**
 * [dGamma, dBeta, b, c] from sum(g) and sum(g * (x - mean)), g = dy masked by the ReLU output y
 * (ops/norm-paths.ts has the formulas); the sums run in float32 chunks added in float64.
 */
function gradient({ inputs, attrs, backend }: KernelArgs): TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { dy, y, x, mean, rstd, scale } = inputs as Record<'dy' | 'x' | 'mean' | 'rstd' | 'scale', TensorInfo> & { y?: TensorInfo };
  const { relu } = attrs as unknown as NormAttrs;
  const channels = channelsOf(x);
  const count = pixelsOf(x);
  const spec: NormSpec = { channels, relu, residual: false };
  const streams = [...[dy, y, x].map((t) => ({ address: t ? address(wasm, t) : 0, perPixel: true })), { address: address(wasm, mean), perPixel: false }];
  const [sumG, sumGCentered] = reduce(wasm, 'gradReduce', spec, count, 2, streams) as [Float64Array, Float64Array];
  const [rstdValues, scaleValues] = [rstd, scale].map((t) => readF32(wasm, t, channels)) as [Float32Array, Float32Array];
  const dGamma = sumGCentered.map((s, c) => s * rstdValues[c]!);
  const b = dGamma.map((d, c) => (-scaleValues[c]! * rstdValues[c]! * d) / count);
  const cTerm = sumG.map((s, c) => (-scaleValues[c]! * s) / count);
  return [dGamma, sumG, b, cTerm].map((values) => vector(wasm, values));
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
  config(NORM_KERNELS.statistics, statistics),
  config(NORM_KERNELS.apply, apply),
  config(NORM_KERNELS.gradient, gradient),
  config(NORM_KERNELS.gradApply, gradApply),
  config(NORM_KERNELS.running, running),
  config(NORM_KERNELS.affine, affine),
];
