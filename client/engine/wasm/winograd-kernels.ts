// Runs the Winograd kernels for the conv kernels (F(4x4, 3x3) or F(2x2, 3x3) forward and input
// gradient, F(2x2, 3x3) filter gradient): the input padded by one pixel, the filter transformed,
// scratch for one block of tiles per thread, all released after the call.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { addF32 } from './add-kernel.ts';
import { padded, winogradFilter } from './conv-operands.ts';
import { kernelThreads, workParts } from '../threads/index.ts';
import { address, allocate, fillF32, release, shapeKernel } from './runtime.ts';
import { winogradKernel, winogradScratch, type WinogradSpec } from './winograd-codegen.ts';
import { winogradFilterGradKernel } from './winograd-filter-codegen.ts';
import { winogradGradKernel, winogradGradScratch, winogradPoints, type WinogradGradSpec } from './winograd-filter-grad-codegen.ts';
import { winograd4BlockRows, winograd4FilterGradKernel, winograd4Kernel, winograd4Scratch, type Winograd4Spec } from './winograd4-codegen.ts';

/** 3x3, stride 1, even size, channels in fours: the layers Winograd F(2x2, 3x3) serves. */
export const winogradFits = (k: number, stride: number, h: number, w: number, inC: number, outC: number): boolean =>
  k === 3 && stride === 1 && h % 2 === 0 && w % 2 === 0 && inC % 4 === 0 && outC % 4 === 0;

/** Evaluation mode's batch norm as the conv's epilogue: packed [scale][shift], and the residual or null. */
export interface WinogradNormalize {
  coefficients: TensorInfo;
  residual: TensorInfo | null;
  relu: boolean;
}

/** The larger tiles need sizes in fours; they take 1.8x fewer multiplications than 2x2 tiles. */
const fourByFour = (h: number, w: number): boolean => h % 4 === 0 && w % 4 === 0;

/**
 * out = conv(input, filter) by Winograd, F(4x4, 3x3) where the size allows, else F(2x2, 3x3);
 * `flipped` runs the input gradient (dy in, dx out). Threads share the images.
 */
export function runWinograd(backend: BackendWasm, input: TensorInfo, filter: TensorInfo, flipped: boolean, out: TensorInfo, normalize?: WinogradNormalize): void {
  const [n, h, w, inC] = input.shape as [number, number, number, number];
  const outC = out.shape[3]!;
  const tile = fourByFour(h, w) ? 4 : 2;
  const epilogue = normalize ? { relu: normalize.relu, residual: normalize.residual !== null } : undefined;
  const spec4: Winograd4Spec = { h, w, inC, outC, blockRows: winograd4BlockRows(h, w), ...(epilogue ? { epilogue } : {}) };
  const spec: WinogradSpec = { h, w, inC, outC, ...(epilogue ? { epilogue } : {}) };
  const source = padded(backend, input, { top: 1, bottom: 1, left: 1, right: 1 });
  const weights = winogradFilter(backend, filter, flipped, tile);
  const scratchFloats = tile === 4 ? winograd4Scratch(spec4) : winogradScratch(spec);
  const scratch = allocate(backend, [kernelThreads() * scratchFloats]);
  const [inImage, outImage] = [(h + 2) * (w + 2) * inC * 4, h * w * outC * 4];
  const [from, to] = [address(backend, source), address(backend, out)];
  const residualAt = normalize?.residual ? address(backend, normalize.residual) : 0;
  const parts = workParts(n).map(({ first, count }) => [
    from + first * inImage, address(backend, weights), to + first * outImage, count, address(backend, scratch),
    ...(normalize ? [address(backend, normalize.coefficients), residualAt + (residualAt ? first * outImage : 0)] : []),
  ]);
  const kernel = tile === 4 ? shapeKernel(backend, `winograd4:${JSON.stringify(spec4)}`, winograd4Kernel(spec4)) : shapeKernel(backend, `winograd:${JSON.stringify(spec)}`, winogradKernel(spec));
  kernel.calls('winograd', parts, { arg: 4, stride: scratchFloats * 4 });
  for (const temporary of [source, weights, scratch]) release(backend, temporary);
}

/** Parts of the input channels (groups of 4) for `threads`: the fewest that give each a part. */
function channelParts(inC: number, threads: number): number {
  const groups = inC / 4;
  for (let parts = Math.min(threads, groups); parts < groups; parts++) if (groups % parts === 0) return parts;
  return groups;
}

/**
 * The batch's images in this many chunks, each summed into its own dU: a fixed number, so the
 * order of the sums never depends on the thread count.
 */
const IMAGE_CHUNKS = 4;

function imageChunks(n: number): { first: number; count: number }[] {
  const size = Math.ceil(n / Math.min(IMAGE_CHUNKS, n));
  const chunks: { first: number; count: number }[] = [];
  for (let first = 0; first < n; first += size) chunks.push({ first, count: Math.min(size, n - first) });
  return chunks;
}

/**
 * dW by Winograd: dU accumulates over the batch, then dW = G^T dU G. The images go in fixed chunks,
 * each into its own dU (a thread transforms each image's dy once for all its input channels),
 * and the chunks are added in order; with more threads than chunks the input channels are split
 * too. Every dU value sums the same images in the same order, so the thread count changes nothing.
 */
export function winogradFilterGrad(backend: BackendWasm, x: TensorInfo, dy: TensorInfo): TensorInfo {
  const [n, h, w, inC] = x.shape as [number, number, number, number];
  const outC = dy.shape[3]!;
  const chunks = imageChunks(n);
  const parts = channelParts(inC, Math.ceil(kernelThreads() / chunks.length));
  const tile = fourByFour(h, w) ? 4 : 2;
  const spec: WinogradGradSpec = { h, w, inC, outC, inPart: inC / parts, tile };
  const source = padded(backend, x, { top: 1, bottom: 1, left: 1, right: 1 });
  const planes = winogradPoints(tile) * inC * outC;
  const dU = allocate(backend, [chunks.length * planes]);
  fillF32(backend, dU, chunks.length * planes, 0);
  const scratchFloats = winogradGradScratch(spec);
  // Any active thread may take a call, so each needs its scratch, whatever the number of calls.
  const scratch = allocate(backend, [kernelThreads() * scratchFloats]);
  const [xAt, dyAt, dUAt] = [address(backend, source), address(backend, dy), address(backend, dU)];
  const [xImage, dyImage] = [(h + 2) * (w + 2) * inC * 4, h * w * outC * 4];
  const calls = chunks.flatMap(({ first, count }, c) => Array.from({ length: parts }, (_, i) => [xAt + first * xImage, dyAt + first * dyImage, dUAt + c * planes * 4, count, address(backend, scratch), i * spec.inPart]));
  shapeKernel(backend, `winograd-grad:${JSON.stringify(spec)}`, winogradGradKernel(spec)).calls('gradient', calls, { arg: 4, stride: scratchFloats * 4 });
  for (let c = 1; c < chunks.length; c++) addF32(backend, dUAt, dUAt + c * planes * 4, dUAt, planes);
  const dW = allocate(backend, [3, 3, inC, outC]);
  const untransform = tile === 4 ? winograd4FilterGradKernel(inC, outC) : winogradFilterGradKernel(inC, outC);
  const [from, to] = [address(backend, dU), address(backend, dW)];
  const vectorParts = workParts((inC * outC) / 4).map(({ first, count }) => [from + first * 16, to + first * 16, count]);
  shapeKernel(backend, `winograd${tile}-untransform:${inC}:${outC}`, untransform).calls('untransform', vectorParts);
  for (const temporary of [source, dU, scratch]) release(backend, temporary);
  return dW;
}
