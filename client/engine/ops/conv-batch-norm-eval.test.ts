// Evaluation mode's fused conv + batch norm: the wasm epilogue (Winograd F(4x4) and F(2x2) layers)
// and the unfused path (other shapes) give the very bits of conv2d followed by batchNormEval.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { onBackend, randomArray, startBackends } from '../testing/backends.ts';
import { batchNormEval, convBatchNormEval } from './batch-norm.ts';
import { conv2d } from './conv.ts';

interface Case { size: number; inC: number; outC: number; stride: number; relu: boolean; residual: boolean; note: string }
const CASES: Case[] = [
  { size: 8, inC: 8, outC: 16, stride: 1, relu: true, residual: true, note: 'F(4x4, 3x3), residual and ReLU' },
  { size: 8, inC: 16, outC: 16, stride: 1, relu: false, residual: false, note: 'F(4x4, 3x3), no ReLU' },
  { size: 6, inC: 8, outC: 8, stride: 1, relu: true, residual: true, note: 'F(2x2, 3x3)' },
  { size: 8, inC: 8, outC: 16, stride: 2, relu: true, residual: false, note: 'direct, stride 2' },
];

function operands(c: Case) {
  const out = Math.ceil(c.size / c.stride);
  return {
    x: tf.tensor4d(randomArray(2 * c.size * c.size * c.inC, 91), [2, c.size, c.size, c.inC]),
    w: tf.tensor4d(randomArray(9 * c.inC * c.outC, 92, 0.3), [3, 3, c.inC, c.outC]),
    residual: c.residual ? tf.tensor4d(randomArray(2 * out * out * c.outC, 93), [2, out, out, c.outC]) : undefined,
    stats: { gamma: tf.tensor1d(randomArray(c.outC, 94, 0.3, 1)), beta: tf.tensor1d(randomArray(c.outC, 95, 0.3)), mean: tf.tensor1d(randomArray(c.outC, 96, 0.2)), variance: tf.tensor1d(randomArray(c.outC, 97, 0.2, 1)) },
  };
}

beforeAll(startBackends);

describe.each(CASES)('convBatchNormEval: $note', (c) => {
  it('equals conv2d then batchNormEval bit for bit on wasm, and closely on cpu', async () => {
    const fused = () => {
      const { x, w, residual, stats } = operands(c);
      return [convBatchNormEval(x, w, c.stride, stats, { relu: c.relu, residual })];
    };
    const separate = () => {
      const { x, w, residual, stats } = operands(c);
      const z = conv2d(x, w, c.stride, { input: false, filter: false });
      return [batchNormEval(z, stats.gamma, stats.beta, stats.mean, stats.variance, { relu: c.relu, residual })];
    };
    const [wasmFused, wasmSeparate] = [(await onBackend('wasm', fused))[0]!, (await onBackend('wasm', separate))[0]!];
    expect(Buffer.from(wasmFused.buffer).equals(Buffer.from(wasmSeparate.buffer))).toBe(true);
    const cpu = (await onBackend('cpu', fused))[0]!;
    const scale = Math.max(...cpu.map(Math.abs));
    expect(Math.max(...cpu.map((v, i) => Math.abs(v - wasmFused[i]!))) / scale).toBeLessThan(1e-4);
  });
});
