// Training-mode batch norm (fused residual and ReLU) against stock tfjs-cpu gradients of the same
// composition, float64 loops with central differences, and on both backends.
import '@tensorflow/tfjs-layers'; // registers tfjs's stock gradients, the reference here
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { onBackend, randomArray, startBackends } from '../testing/backends.ts';
import { grid, momentsNaive, normalizeNaive, numericGradient, relativeError } from '../testing/naive-reference.ts';
import { batchNormEval, batchNormTrain } from './batch-norm.ts';

const SAME_BACKEND = 1e-5;
const ACROSS_BACKENDS = 1e-4;
const FINITE_DIFFERENCES = 1e-4;

interface Case { channels: number; relu: boolean; residual: boolean }
const CASES: Case[] = [
  { channels: 8, relu: true, residual: false },
  { channels: 8, relu: false, residual: false },
  { channels: 8, relu: true, residual: true },
  { channels: 20, relu: true, residual: true },
  { channels: 6, relu: true, residual: true },
];
const SHAPE: [number, number, number, number] = [3, 4, 5, 0];

function data(c: Case) {
  const shape: [number, number, number, number] = [SHAPE[0], SHAPE[1], SHAPE[2], c.channels];
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    shape,
    x: randomArray(size, 11, 2, 0.5),
    gamma: randomArray(c.channels, 12, 0.3, 1),
    beta: randomArray(c.channels, 13, 0.3),
    residual: randomArray(size, 14),
    r: randomArray(size, 15),
  };
}

/** [y, mean, variance, dx, dgamma, dbeta, (dresidual)] for L = sum(y * r). */
function run(c: Case, stock: boolean): tf.Tensor[] {
  const d = data(c);
  const x = tf.tensor4d(d.x, d.shape);
  const gamma = tf.tensor1d(d.gamma);
  const beta = tf.tensor1d(d.beta);
  const residual = tf.tensor4d(d.residual, d.shape);
  const r = tf.tensor4d(d.r, d.shape);
  const f = (a: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D, res?: tf.Tensor4D) => {
    if (!stock) return batchNormTrain(a, g, b, { relu: c.relu, residual: res });
    const { mean, variance } = tf.moments(a, [0, 1, 2]);
    const normalized = tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b) as tf.Tensor4D;
    const summed = res ? tf.add(normalized, res) : normalized;
    return { y: (c.relu ? tf.relu(summed) : summed) as tf.Tensor4D, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
  };
  const args: tf.Tensor[] = c.residual ? [x, gamma, beta, residual] : [x, gamma, beta];
  const grads = tf.grads((...a: tf.Tensor[]) => tf.sum(tf.mul(f(a[0] as tf.Tensor4D, a[1] as tf.Tensor1D, a[2] as tf.Tensor1D, a[3] as tf.Tensor4D | undefined).y, r)))(args);
  const { y, mean, variance } = f(x, gamma, beta, c.residual ? residual : undefined);
  return [y, mean, variance, ...grads];
}

beforeAll(startBackends);

describe.each(CASES)('batchNormTrain ($channels channels, relu $relu, residual $residual)', (c) => {
  it('matches tfjs-cpu stock gradients of the same composition, on cpu and wasm', async () => {
    const reference = await onBackend('cpu', () => run(c, true));
    const cpu = await onBackend('cpu', () => run(c, false));
    const wasm = await onBackend('wasm', () => run(c, false));
    reference.forEach((expected, i) => {
      expect(relativeError(cpu[i]!, expected)).toBeLessThan(SAME_BACKEND);
      expect(relativeError(wasm[i]!, expected)).toBeLessThan(ACROSS_BACKENDS);
    });
  });

  it('has the derivative of a float64 reference (central differences)', async () => {
    const d = data(c);
    const [y, mean, variance, ...grads] = await onBackend('wasm', () => run(c, false));
    const params = [d.x, d.gamma, d.beta, ...(c.residual ? [d.residual] : [])].map((p) => Float64Array.from(p));
    const [x64, gamma64, beta64, residual64] = params;
    const forward = () => {
      const x = grid(d.shape, x64!);
      const stats = momentsNaive(x);
      return { stats, y: normalizeNaive(x, stats.mean, stats.variance, { gamma: gamma64!, beta: beta64!, relu: c.relu, residual: residual64 && grid(d.shape, residual64) }) };
    };
    const reference = forward();
    expect(relativeError(y!, reference.y.data)).toBeLessThan(ACROSS_BACKENDS);
    expect(relativeError(mean!, reference.stats.mean)).toBeLessThan(ACROSS_BACKENDS);
    expect(relativeError(variance!, reference.stats.variance)).toBeLessThan(ACROSS_BACKENDS);
    const loss = () => forward().y.data.reduce((sum, v, i) => sum + v * d.r[i]!, 0);
    params.forEach((param, k) => {
      const at = Array.from({ length: Math.min(12, param.length) }, (_, i) => Math.floor((i * param.length) / Math.min(12, param.length)));
      expect(relativeError(at.map((i) => grads[k]![i]!), numericGradient(param, at, loss, 1e-6))).toBeLessThan(FINITE_DIFFERENCES);
    });
  });
});

describe('batch norm statistics', () => {
  it('keeps the variance exact when the mean dwarfs it (two passes, float64 partial sums)', async () => {
    const shape: [number, number, number, number] = [8, 16, 16, 8];
    const x = randomArray(8 * 16 * 16 * 8, 21, 1, 1000);
    const expected = momentsNaive(grid(shape, x));
    const ones = new Float32Array(8).fill(1);
    const zeros = new Float32Array(8);
    for (const backend of ['cpu', 'wasm'] as const) {
      const [mean, variance] = await onBackend(backend, () => {
        const stats = batchNormTrain(tf.tensor4d(x, shape), tf.tensor1d(ones), tf.tensor1d(zeros), { relu: false });
        return [stats.mean, stats.variance];
      });
      expect(relativeError(mean!, expected.mean)).toBeLessThan(1e-6);
      expect(relativeError(variance!, expected.variance)).toBeLessThan(1e-4);
    }
  });

  it('normalizes with the running statistics in evaluation mode', async () => {
    const c: Case = { channels: 8, relu: true, residual: true };
    const d = data(c);
    const runningMean = randomArray(8, 31, 0.5);
    const runningVar = randomArray(8, 32, 0.2, 1);
    const expected = normalizeNaive(grid(d.shape, d.x), runningMean, runningVar, { gamma: d.gamma, beta: d.beta, relu: true, residual: grid(d.shape, d.residual) });
    for (const backend of ['cpu', 'wasm'] as const) {
      const [y] = await onBackend(backend, () => [
        batchNormEval(tf.tensor4d(d.x, d.shape), tf.tensor1d(d.gamma), tf.tensor1d(d.beta), tf.tensor1d(runningMean), tf.tensor1d(runningVar), { relu: true, residual: tf.tensor4d(d.residual, d.shape) }),
      ]);
      expect(relativeError(y!, expected.data)).toBeLessThan(ACROSS_BACKENDS);
    }
  });
});
