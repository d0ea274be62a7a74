// Runs the Winograd F(2x2, 3x3) kernels for the conv kernels: the input padded by one pixel, the
// filter transformed, scratch for one row (or block) of tiles, all released after the call.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { padded, winogradFilter } from './conv-operands.ts';
import { address, allocate, fillF32, kernelFunctions, release } from './runtime.ts';
import { winogradKernel, winogradScratch, type WinogradSpec } from './winograd-codegen.ts';
import { winogradFilterGradKernel } from './winograd-filter-codegen.ts';
import { winogradGradKernel, winogradGradScratch, type WinogradGradSpec } from './winograd-filter-grad-codegen.ts';

/** 3x3, stride 1, even size, channels in fours: the layers Winograd F(2x2, 3x3) serves. */
export const winogradFits = (k: number, stride: number, h: number, w: number, inC: number, outC: number): boolean =>
  k === 3 && stride === 1 && h % 2 === 0 && w % 2 === 0 && inC % 4 === 0 && outC % 4 === 0;

/** out = conv(input, filter) by Winograd; `flipped` runs the input gradient (dy in, dx out). */
export function runWinograd(backend: BackendWasm, input: TensorInfo, filter: TensorInfo, flipped: boolean, out: TensorInfo): void {
  const [n, h, w, inC] = input.shape as [number, number, number, number];
  const spec: WinogradSpec = { h, w, inC, outC: out.shape[3]! };
  const source = padded(backend, input, { top: 1, bottom: 1, left: 1, right: 1 });
  const weights = winogradFilter(backend, filter, flipped);
  const scratch = allocate(backend, [winogradScratch(spec)]);
  const run = kernelFunctions(backend, `winograd:${JSON.stringify(spec)}`, winogradKernel(spec)).winograd!;
  run(address(backend, source), address(backend, weights), address(backend, out), n, address(backend, scratch));
  for (const temporary of [source, weights, scratch]) release(backend, temporary);
}

/** dW by Winograd: dU accumulates over the batch, then dW = G^T dU G. */
export function winogradFilterGrad(backend: BackendWasm, x: TensorInfo, dy: TensorInfo): TensorInfo {
  const [n, h, w, inC] = x.shape as [number, number, number, number];
  const outC = dy.shape[3]!;
  const spec: WinogradGradSpec = { h, w, inC, outC };
  const source = padded(backend, x, { top: 1, bottom: 1, left: 1, right: 1 });
  const dU = allocate(backend, [16 * inC * outC]);
  fillF32(backend, dU, 16 * inC * outC, 0);
  const scratch = allocate(backend, [winogradGradScratch(spec)]);
  const run = kernelFunctions(backend, `winograd-grad:${JSON.stringify(spec)}`, winogradGradKernel(spec)).gradient!;
  run(address(backend, source), address(backend, dy), address(backend, dU), n, address(backend, scratch));
  const dW = allocate(backend, [3, 3, inC, outC]);
  kernelFunctions(backend, `winograd-untransform:${inC}:${outC}`, winogradFilterGradKernel(inC, outC)).untransform!(address(backend, dU), address(backend, dW));
  for (const temporary of [source, dU, scratch]) release(backend, temporary);
  return dW;
}
