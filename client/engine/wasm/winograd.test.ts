// The Winograd kernels against float64 loops at the channel counts networks use: F(4x4, 3x3) for
// sizes in fours, F(2x2, 3x3) for other even sizes, in the forward pass and both gradients. The
// larger tiles' transforms have larger coefficients, hence their tolerance.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomArray, startBackends } from '../testing/backends.ts';
import { conv2dFilterGradNaive, conv2dInputGradNaive, conv2dNaive, grid, relativeError } from '../testing/naive-reference.ts';
import { CONV_KERNELS, onWasmBackend } from './index.ts';

// Max |error| / max |reference|. Measured here: F(4x4) 2.6e-6 to 6.0e-6, F(2x2) 1.3e-7 to 5.7e-7.
const TOLERANCE = { 4: 2e-5, 2: 2e-6 } as const;

interface Case { batch: number; size: number; channels: number; tile: 2 | 4 }
const CASES: Case[] = [
  { batch: 2, size: 8, channels: 64, tile: 4 },
  { batch: 2, size: 16, channels: 32, tile: 4 },
  { batch: 1, size: 32, channels: 16, tile: 4 },
  { batch: 2, size: 10, channels: 32, tile: 2 },
  { batch: 2, size: 14, channels: 8, tile: 2 },
];

function operands({ batch, size, channels }: Case) {
  const x = randomArray(batch * size * size * channels, 81);
  const w = randomArray(9 * channels * channels, 82, Math.sqrt(2 / (9 * channels)));
  const dy = randomArray(batch * size * size * channels, 83);
  const shape: [number, number, number, number] = [batch, size, size, channels];
  return { x, w, dy, shape, filterShape: [3, 3, channels, channels] as [number, number, number, number] };
}

function run(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): Float32Array {
  const out = tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

beforeAll(async () => {
  await startBackends();
  await tf.setBackend('wasm');
  onWasmBackend();
});

describe.each(CASES)('Winograd, $size x $size, $channels channels (F($tile x $tile, 3x3) where it applies)', (c) => {
  const d = operands(c);
  const tensors = () => ({ x: tf.tensor4d(d.x, d.shape), w: tf.tensor4d(d.w, d.filterShape), dy: tf.tensor4d(d.dy, d.shape) });

  it(`forward within ${TOLERANCE[c.tile]} of float64`, () => {
    const { x, w } = tensors();
    const y = run(CONV_KERNELS.forward, { x, filter: w }, { stride: 1 });
    expect(relativeError(y, conv2dNaive(grid(d.shape, d.x), grid(d.filterShape, d.w), 1).data)).toBeLessThan(TOLERANCE[c.tile]);
  });

  it(`input gradient within ${TOLERANCE[c.tile]} of float64`, () => {
    const { dy, w } = tensors();
    const dx = run(CONV_KERNELS.inputGrad, { dy, filter: w }, { stride: 1, inShape: d.shape });
    expect(relativeError(dx, conv2dInputGradNaive(grid(d.shape, d.dy), grid(d.filterShape, d.w), d.shape, 1).data)).toBeLessThan(TOLERANCE[c.tile]);
  });

  it(`filter gradient within ${TOLERANCE[c.tile]} of float64`, () => {
    const { x, dy } = tensors();
    const dw = run(CONV_KERNELS.filterGrad, { x, dy }, { stride: 1, kernel: 3 });
    expect(relativeError(dw, conv2dFilterGradNaive(grid(d.shape, d.x), grid(d.shape, d.dy), 3, 1).data)).toBeLessThan(TOLERANCE[c.tile]);
  });
});
