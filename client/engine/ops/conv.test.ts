// The convolution's forward and both gradients against stock tfjs-cpu (tf.grads through
// tf.conv2d), against float64 loops with central differences, on cpu and on wasm.
import '@tensorflow/tfjs-layers'; // registers tfjs's stock gradients, the reference here
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setWasmKernels } from '../wasm/index.ts';
import { onBackend, randomArray, startBackends } from '../testing/backends.ts';
import { conv2dNaive, grid, numericGradient, relativeError } from '../testing/naive-reference.ts';
import { conv2d } from './conv.ts';

// Max |error| / max |reference|: float32 against float32 on the same backend, across backends
// (different summation order, FMA), and float32 against float64 central differences.
const SAME_BACKEND = 1e-5;
const ACROSS_BACKENDS = 1e-4;
const FINITE_DIFFERENCES = 1e-4;

interface Case { batch: number; h: number; w: number; inC: number; outC: number; kernel: number; stride: number; note: string }
const CASES: Case[] = [
  { batch: 2, h: 8, w: 8, inC: 4, outC: 8, kernel: 3, stride: 1, note: '3x3 (Winograd forward and input gradient on wasm)' },
  { batch: 1, h: 8, w: 36, inC: 32, outC: 32, kernel: 3, stride: 1, note: '3x3, 32 channels (Winograd filter gradient, two blocks per image)' },
  { batch: 2, h: 8, w: 8, inC: 4, outC: 8, kernel: 3, stride: 2, note: '3x3 stride 2, even size' },
  { batch: 2, h: 7, w: 9, inC: 8, outC: 4, kernel: 3, stride: 2, note: '3x3 stride 2, odd sizes' },
  { batch: 2, h: 8, w: 8, inC: 4, outC: 16, kernel: 1, stride: 2, note: '1x1 stride 2 shortcut' },
  { batch: 3, h: 5, w: 5, inC: 8, outC: 8, kernel: 1, stride: 1, note: '1x1 bottleneck' },
  { batch: 1, h: 11, w: 10, inC: 3, outC: 4, kernel: 7, stride: 2, note: '7x7 stride 2 stem' },
  { batch: 2, h: 6, w: 6, inC: 3, outC: 6, kernel: 3, stride: 1, note: 'channels not a multiple of 4' },
  { batch: 2, h: 6, w: 6, inC: 16, outC: 32, kernel: 3, stride: 1, note: 'wide' },
  { batch: 2, h: 5, w: 6, inC: 12, outC: 20, kernel: 3, stride: 1, note: 'odd channel blocks' },
];

const shapes = (c: Case) => ({ x: [c.batch, c.h, c.w, c.inC] as const, w: [c.kernel, c.kernel, c.inC, c.outC] as const, y: [c.batch, Math.ceil(c.h / c.stride), Math.ceil(c.w / c.stride), c.outC] as const });

function inputs(c: Case) {
  const s = shapes(c);
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  return { x: randomArray(size(s.x), 1), w: randomArray(size(s.w), 2, 0.3), r: randomArray(size(s.y), 3) };
}

/** [y, dL/dx, dL/dw] for L = sum(conv(x, w) * r). */
function gradients(c: Case, stock: boolean): tf.Tensor[] {
  const s = shapes(c);
  const data = inputs(c);
  const x = tf.tensor4d(data.x, [...s.x]);
  const w = tf.tensor4d(data.w, [...s.w]);
  const r = tf.tensor4d(data.r, [...s.y]);
  const f = (a: tf.Tensor4D, b: tf.Tensor4D) => (stock ? tf.conv2d(a, b, c.stride, 'same') : conv2d(a, b, c.stride, { input: true, filter: true }));
  const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor4D), r)))([x, w]);
  return [f(x, w), dx!, dw!];
}

beforeAll(startBackends);
afterEach(() => setWasmKernels(true));

describe.each(CASES)('conv2d $note (in $inC, out $outC, k $kernel, s $stride, $h x $w)', (c) => {
  it('matches tfjs-cpu stock gradients, on cpu and on wasm (assembled and portable kernels)', async () => {
    const reference = await onBackend('cpu', () => gradients(c, true));
    const cpu = await onBackend('cpu', () => gradients(c, false));
    const wasm = await onBackend('wasm', () => gradients(c, false));
    setWasmKernels(false);
    const wasmPortable = await onBackend('wasm', () => gradients(c, false));
    reference.forEach((expected, i) => {
      expect(relativeError(cpu[i]!, expected)).toBeLessThan(SAME_BACKEND);
      expect(relativeError(wasm[i]!, expected)).toBeLessThan(ACROSS_BACKENDS);
      expect(relativeError(wasmPortable[i]!, expected)).toBeLessThan(ACROSS_BACKENDS);
    });
  });

  it('has the derivative of a float64 reference (central differences)', async () => {
    const s = shapes(c);
    const data = inputs(c);
    const [y, dx, dw] = await onBackend('wasm', () => gradients(c, false));
    const x64 = Float64Array.from(data.x);
    const w64 = Float64Array.from(data.w);
    const loss = () => conv2dNaive(grid([...s.x], x64), grid([...s.w], w64), c.stride).data.reduce((sum, v, i) => sum + v * data.r[i]!, 0);
    expect(relativeError(y!, conv2dNaive(grid([...s.x], x64), grid([...s.w], w64), c.stride).data)).toBeLessThan(ACROSS_BACKENDS);
    const pick = (n: number) => Array.from({ length: 12 }, (_, i) => Math.floor((i * n) / 12));
    const xAt = pick(x64.length);
    const wAt = pick(w64.length);
    expect(relativeError(xAt.map((i) => dx![i]!), numericGradient(x64, xAt, loss))).toBeLessThan(FINITE_DIFFERENCES);
    expect(relativeError(wAt.map((i) => dw![i]!), numericGradient(w64, wAt, loss))).toBeLessThan(FINITE_DIFFERENCES);
  });
});
