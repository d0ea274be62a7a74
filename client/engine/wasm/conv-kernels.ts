// tfjs kernels (wasm backend) for 'same' convolutions and both gradients: Winograd for 3x3
// stride-1 layers of even size (4x4 tiles where the size is a multiple of 4), else direct
// convolution (input gradient one kernel per stride phase).
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { samePadding } from '../ops/same-padding.ts';
import { convKernel, type ConvKernelSpec, type ConvTap } from './conv-codegen.ts';
import { packedFilter, padded, type Margins } from './conv-operands.ts';
import { filterGradBlock, filterGradKernel } from './filter-grad-codegen.ts';
import { normalizeApply, packedScaleShift } from './norm-kernels.ts';
import { workParts } from '../threads/index.ts';
import { address, allocate, fillF32, release, shapeKernel } from './runtime.ts';
import { runWinograd, winogradFilterGrad, winogradFits } from './winograd-kernels.ts';

export const CONV_KERNELS = {
  forward: 'AutogrowConv2D',
  /** Evaluation mode: the conv followed by relu?(z * scale + shift + residual?), fused where it can be. */
  forwardNormalized: 'AutogrowConv2DNormalized',
  inputGrad: 'AutogrowConv2DInputGrad',
  filterGrad: 'AutogrowConv2DFilterGrad',
} as const;

export interface ConvAttrs { stride: number }
export interface NormalizedConvAttrs { stride: number; relu: boolean }
export interface InputGradAttrs { stride: number; inShape: number[] }
export interface FilterGradAttrs { stride: number; kernel: number }

export type KernelArgs = { inputs: NamedTensorInfoMap; attrs?: NamedAttrMap; backend: unknown };

/** The zero margins around the input that the taps of every output position reach into. */
function margins(spec: ConvKernelSpec): Margins {
  const dh = spec.taps.map((t) => t.dh);
  const dw = spec.taps.map((t) => t.dw);
  return {
    top: Math.max(0, -Math.min(...dh)),
    bottom: Math.max(0, (spec.gridH - 1) * spec.inStride + Math.max(...dh) - (spec.inH - 1)),
    left: Math.max(0, -Math.min(...dw)),
    right: Math.max(0, (spec.gridW - 1) * spec.inStride + Math.max(...dw) - (spec.inW - 1)),
  };
}

/** Runs conv kernels over `input` (unpadded: taps may point outside it, where they read zeros). */
function runConvs(backend: BackendWasm, specs: ConvKernelSpec[], input: TensorInfo, weights: TensorInfo, out: TensorInfo, batch: number): void {
  const active = specs.filter((s) => s.gridH > 0 && s.gridW > 0);
  const all = active.filter((s) => s.taps.length).map(margins);
  const m = { top: Math.max(0, ...all.map((x) => x.top)), bottom: Math.max(0, ...all.map((x) => x.bottom)), left: Math.max(0, ...all.map((x) => x.left)), right: Math.max(0, ...all.map((x) => x.right)) };
  const needsPadding = m.top + m.bottom + m.left + m.right > 0;
  const source = needsPadding ? padded(backend, input, m) : input;
  for (const spec of active) {
    const paddedSpec: ConvKernelSpec = {
      ...spec,
      inH: spec.inH + m.top + m.bottom,
      inW: spec.inW + m.left + m.right,
      taps: spec.taps.map((t) => ({ dh: t.dh + m.top, dw: t.dw + m.left, index: t.index })),
    };
    const [inImage, outImage] = [paddedSpec.inH * paddedSpec.inW * spec.inC * 4, spec.outH * spec.outW * spec.outC * 4];
    const [from, to] = [address(backend, source), address(backend, out)];
    const parts = workParts(batch).map(({ first, count }) => [from + first * inImage, address(backend, weights), to + first * outImage, count]);
    shapeKernel(backend, `conv:${JSON.stringify(paddedSpec)}`, convKernel(paddedSpec)).calls('conv', parts);
  }
  if (needsPadding) release(backend, source);
}

function forward({ inputs, attrs, backend }: KernelArgs): TensorInfo {
  const wasm = backend as BackendWasm;
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  const { stride } = attrs as unknown as ConvAttrs;
  const [n, h, w, inC] = x.shape as [number, number, number, number];
  const [k, , , outC] = filter.shape as [number, number, number, number];
  const pad = samePadding(h, w, k, stride);
  const out = allocate(wasm, [n, pad.outH, pad.outW, outC]);
  if (winogradFits(k, stride, h, w, inC, outC)) {
    runWinograd(wasm, x, filter, false, out);
    return out;
  }
  const taps: ConvTap[] = [];
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) taps.push({ dh: a - pad.top, dw: b - pad.left, index: a * k + b });
  const spec: ConvKernelSpec = {
    inH: h, inW: w, inC, outC, gridH: pad.outH, gridW: pad.outW, outH: pad.outH, outW: pad.outW,
    inStride: stride, outStride: 1, outOffsetH: 0, outOffsetW: 0, taps, weightTaps: k * k,
  };
  const weights = packedFilter(wasm, filter, false);
  runConvs(wasm, [spec], x, weights, out, n);
  release(wasm, weights);
  return out;
}

/**
 * The Winograd layers store relu?(z * scale + shift + residual?) straight from their output
 * transform (the same float32 operations as the norm-apply kernel, so the same bits); other
 * shapes run the conv, then that kernel.
 */
function forwardNormalized({ inputs, attrs, backend }: KernelArgs): TensorInfo {
  const wasm = backend as BackendWasm;
  const { x, filter, scale, shift, residual } = inputs as { x: TensorInfo; filter: TensorInfo; scale: TensorInfo; shift: TensorInfo; residual?: TensorInfo };
  const { stride, relu } = attrs as unknown as NormalizedConvAttrs;
  const [n, h, w, inC] = x.shape as [number, number, number, number];
  const [k, , , outC] = filter.shape as [number, number, number, number];
  if (!winogradFits(k, stride, h, w, inC, outC)) {
    const z = forward({ inputs: { x, filter }, attrs: { stride } as unknown as NamedAttrMap, backend });
    const out = normalizeApply(wasm, z, scale, shift, residual ?? null, relu);
    release(wasm, z);
    return out;
  }
  const out = allocate(wasm, [n, h, w, outC]);
  const coefficients = packedScaleShift(wasm, scale, shift);
  runWinograd(wasm, x, filter, false, out, { coefficients, residual: residual ?? null, relu });
  release(wasm, coefficients);
  return out;
}

/**
 * dx[j] = sum over (i, a) with i*s + a - pad = j of dy[i] * W[a]. For output phase r = j mod s only
 * taps a = r + pad (mod s) contribute, each at dy offset (r + pad - a) / s.
 */
function inputGrad({ inputs, attrs, backend }: KernelArgs): TensorInfo {
  const wasm = backend as BackendWasm;
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { stride: s, inShape } = attrs as unknown as InputGradAttrs;
  const [n, h, w, inC] = inShape as [number, number, number, number];
  const [, outH, outW, outC] = dy.shape as [number, number, number, number];
  const k = filter.shape[0]!;
  const pad = samePadding(h, w, k, s);
  const dx = allocate(wasm, [n, h, w, inC]);
  if (winogradFits(k, s, h, w, outC, inC)) {
    runWinograd(wasm, dy, filter, true, dx);
    return dx;
  }
  const weights = packedFilter(wasm, filter, true);
  const phases: ConvKernelSpec[] = [];
  for (let rh = 0; rh < s; rh++) {
    for (let rw = 0; rw < s; rw++) {
      const taps: ConvTap[] = [];
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const dh = rh + pad.top - a;
          const dw = rw + pad.left - b;
          if (dh % s === 0 && dw % s === 0) taps.push({ dh: dh / s, dw: dw / s, index: a * k + b });
        }
      }
      phases.push({
        inH: outH, inW: outW, inC: outC, outC: inC, gridH: Math.ceil((h - rh) / s), gridW: Math.ceil((w - rw) / s),
        outH: h, outW: w, inStride: 1, outStride: s, outOffsetH: rh, outOffsetW: rw, taps, weightTaps: k * k,
      });
    }
  }
  runConvs(wasm, phases, dy, weights, dx, n);
  release(wasm, weights);
  return dx;
}

export function filterGrad({ inputs, attrs, backend }: KernelArgs): TensorInfo {
  const wasm = backend as BackendWasm;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { stride, kernel: k } = attrs as unknown as FilterGradAttrs;
  const [n, h, w, inC] = x.shape as [number, number, number, number];
  const [, outH, outW, outC] = dy.shape as [number, number, number, number];
  // Below 8 channels the filter gradient's tile transforms cost more than its saved multiplications.
  if (winogradFits(k, stride, h, w, inC, outC) && Math.min(inC, outC) >= 8) return winogradFilterGrad(wasm, x, dy);
  const pad = samePadding(h, w, k, stride);
  const dW = allocate(wasm, [k, k, inC, outC]);
  fillF32(wasm, dW, k * k * inC * outC, 0);
  const spec = { inH: h, inW: w, inC, outH, outW, outC, kernel: k, stride, padTop: pad.top, padLeft: pad.left };
  // Threads share the input channels (whole register blocks), never the sum over images and
  // pixels, so every thread count adds the same products in the same order.
  const blocks = Math.floor(inC / filterGradBlock(outC));
  const [xAt, dyAt, dwAt] = [address(wasm, x), address(wasm, dy), address(wasm, dW)];
  const calls = blocks === 0 ? [] : workParts(blocks).map(({ first, count }) => [xAt, dyAt, dwAt, n, first, count, 0]);
  // The inC % rows channels after the last block (the stem's third) are a part of their own.
  if (inC % filterGradBlock(outC)) calls.push([xAt, dyAt, dwAt, n, blocks, 0, 1]);
  shapeKernel(wasm, `filter-grad:${JSON.stringify(spec)}`, filterGradKernel(spec)).calls('filterGrad', calls);
  return dW;
}

export const convKernelConfigs: KernelConfig[] = [
  { kernelName: CONV_KERNELS.forward, backendName: 'wasm', kernelFunc: forward as KernelConfig['kernelFunc'] },
  { kernelName: CONV_KERNELS.forwardNormalized, backendName: 'wasm', kernelFunc: forwardNormalized as KernelConfig['kernelFunc'] },
  { kernelName: CONV_KERNELS.inputGrad, backendName: 'wasm', kernelFunc: inputGrad as KernelConfig['kernelFunc'] },
  { kernelName: CONV_KERNELS.filterGrad, backendName: 'wasm', kernelFunc: filterGrad as KernelConfig['kernelFunc'] },
];
