// Prepares what the conv kernels read: inputs copied inside zero margins, and filters repacked
// (and Winograd-transformed) into the layouts the register-blocked kernels stream through.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { registerTile } from './emit.ts';
import { padKernel, type PadSpec } from './pad-codegen.ts';
import { workParts } from '../threads/index.ts';
import { address, allocate, heapF32, release, shapeKernel } from './runtime.ts';
import { winogradFilterKernel } from './winograd-filter-codegen.ts';
import { winograd4FilterKernel } from './winograd4-codegen.ts';

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A copy of NHWC `input` inside zero margins, so the kernels need no bounds checks. */
export function padded(backend: BackendWasm, input: TensorInfo, m: Margins): TensorInfo {
  const [n, h, w, channels] = input.shape as [number, number, number, number];
  const out = allocate(backend, [n, h + m.top + m.bottom, w + m.left + m.right, channels]);
  const spec: PadSpec = { h, w, channels, ...m };
  const [inImage, outImage] = [h * w * channels * 4, (h + m.top + m.bottom) * (w + m.left + m.right) * channels * 4];
  const [from, to] = [address(backend, input), address(backend, out)];
  const parts = workParts(n).map(({ first, count }) => [from + first * inImage, to + first * outImage, count]);
  shapeKernel(backend, `pad:${JSON.stringify(spec)}`, padKernel(spec)).calls('pad', parts);
  return out;
}

/**
 * Filter [k, k, inC, outC] as the kernel sees it: (in, out) channel counts, and where weight
 * (tap, in, out) lives in the heap as base + tap * tapStride + in * inStride + out * outStride.
 * `transposed` swaps in and out, as the input gradient contracts over the layer's output channels.
 */
function filterLayout(backend: BackendWasm, filter: TensorInfo, transposed: boolean) {
  const [k, , inC, outC] = filter.shape as [number, number, number, number];
  const base = address(backend, filter) / 4;
  return transposed
    ? { k, kernelIn: outC, kernelOut: inC, base, tapStride: inC * outC, inStride: 1, outStride: outC }
    : { k, kernelIn: inC, kernelOut: outC, base, tapStride: inC * outC, inStride: outC, outStride: 1 };
}

/**
 * The filter packed as [out / columns][in][tap][columns] for the direct kernel: what one step reads
 * is contiguous, and taps are never a multiple of 4 KiB apart (they would fight over L1 sets).
 */
export function packedFilter(backend: BackendWasm, filter: TensorInfo, transposed: boolean): TensorInfo {
  const out = allocate(backend, [filter.shape.reduce((a, b) => a * b, 1)]);
  const { k, kernelIn, kernelOut, base, tapStride, inStride, outStride } = filterLayout(backend, filter, transposed);
  const columns = registerTile(kernelOut).columns;
  const heap = heapF32(backend);
  let dst = address(backend, out) / 4;
  for (let block = 0; block < kernelOut; block += columns) {
    for (let i = 0; i < kernelIn; i++) {
      for (let t = 0; t < k * k; t++) {
        const from = base + t * tapStride + i * inStride;
        for (let o = block; o < block + columns; o++) heap[dst++] = heap[from + o * outStride]!;
      }
    }
  }
  return out;
}

/**
 * Winograd weights U = G g G^T per channel pair, packed as [out / columns][xi][in][columns] with
 * 16 xi for F(2x2, 3x3) and 36 for F(4x4, 3x3). With `flipped` the filter is first turned by 180
 * degrees and its channels swapped: the input gradient of a stride-1 'same' conv.
 */
export function winogradFilter(backend: BackendWasm, filter: TensorInfo, flipped: boolean, tile: 2 | 4): TensorInfo {
  const { kernelIn, kernelOut, base, tapStride, inStride, outStride } = filterLayout(backend, filter, flipped);
  let source = filter;
  if (flipped) {
    source = allocate(backend, [9 * kernelIn * kernelOut]);
    const heap = heapF32(backend);
    let dst = address(backend, source) / 4;
    for (let t = 0; t < 9; t++) {
      for (let i = 0; i < kernelIn; i++) for (let o = 0; o < kernelOut; o++) heap[dst++] = heap[base + (8 - t) * tapStride + i * inStride + o * outStride]!;
    }
  }
  const out = allocate(backend, [(tile + 2) ** 2 * kernelIn * kernelOut]);
  const build = tile === 2 ? winogradFilterKernel(kernelIn, kernelOut) : winograd4FilterKernel(kernelIn, kernelOut);
  const columns = registerTile(kernelOut).columns;
  const [from, to] = [address(backend, source), address(backend, out)];
  const parts = workParts(kernelOut / columns).map(({ first, count }) => [from + first * columns * 4, to + first * (tile + 2) ** 2 * kernelIn * columns * 4, count]);
  shapeKernel(backend, `winograd${tile}-filter:${kernelIn}:${kernelOut}`, build).calls('transform', parts);
  if (flipped) release(backend, source);
  return out;
}
