// The classifier end (average pool + dense head + softmax cross-entropy) and the stem's max pool,
// against stock tfjs-cpu gradients and float64 central differences.
import '@tensorflow/tfjs-layers'; // registers tfjs's stock gradients, the reference here
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { onBackend, randomArray, startBackends } from '../testing/backends.ts';
import { crossEntropyNaive, denseHeadNaive, grid, maxPoolNaive, numericGradient, relativeError } from '../testing/naive-reference.ts';
import { correctCount, crossEntropies, denseHead, softmaxCrossEntropy } from './head.ts';
import { stemMaxPool } from './max-pool.ts';

const SAME_BACKEND = 1e-5;
const ACROSS_BACKENDS = 1e-4;
const FINITE_DIFFERENCES = 1e-4;

const X_SHAPE: [number, number, number, number] = [4, 3, 3, 8];
const CLASSES = 5;
const LABELS = Int32Array.from([0, 3, 4, 3]);
const d = { x: randomArray(4 * 3 * 3 * 8, 41), w: randomArray(8 * CLASSES, 42, 0.5), b: randomArray(CLASSES, 43, 0.1) };

/** [loss, dx, dw, db]: mean cross-entropy through the dense head. */
function headGradients(stock: boolean): tf.Tensor[] {
  const labels = tf.tensor1d(LABELS, 'int32');
  const loss = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => {
    if (!stock) return softmaxCrossEntropy(denseHead(x as tf.Tensor4D, w as tf.Tensor2D, b as tf.Tensor1D), labels);
    const logits = tf.add(tf.matMul(tf.mean(x, [1, 2]), w), b) as tf.Tensor2D;
    return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, CLASSES), logits);
  };
  const x = tf.tensor4d(d.x, X_SHAPE);
  const w = tf.tensor2d(d.w, [8, CLASSES]);
  const b = tf.tensor1d(d.b);
  const { value, grads } = tf.valueAndGrads(loss)([x, w, b]);
  return [value, ...grads];
}

beforeAll(startBackends);

describe('denseHead + softmaxCrossEntropy', () => {
  it('matches tfjs-cpu stock gradients on cpu and wasm', async () => {
    const reference = await onBackend('cpu', () => headGradients(true));
    for (const [backend, tolerance] of [['cpu', SAME_BACKEND], ['wasm', ACROSS_BACKENDS]] as const) {
      const ours = await onBackend(backend, () => headGradients(false));
      reference.forEach((expected, i) => expect(relativeError(ours[i]!, expected)).toBeLessThan(tolerance));
    }
  });

  it('has the derivative of a float64 reference (central differences)', async () => {
    const [loss, ...grads] = await onBackend('wasm', () => headGradients(false));
    const params = [d.x, d.w, d.b].map((p) => Float64Array.from(p));
    const f = () => crossEntropyNaive(denseHeadNaive(grid(X_SHAPE, params[0]!), grid([8, CLASSES], params[1]!), params[2]!), LABELS);
    expect(Math.abs(loss![0]! - f()) / f()).toBeLessThan(ACROSS_BACKENDS);
    params.forEach((param, k) => {
      const at = Array.from({ length: Math.min(10, param.length) }, (_, i) => Math.floor((i * param.length) / Math.min(10, param.length)));
      expect(relativeError(at.map((i) => grads[k]![i]!), numericGradient(param, at, f))).toBeLessThan(FINITE_DIFFERENCES);
    });
  });

  it('counts correct predictions and sums per-sample losses', async () => {
    const logits = Float32Array.from([3, 1, 0, 0, 0, 0, 0, 0, 2, 1, 0, 5, 0, 0, 0, 1, 1, 1, 4, 1]);
    const [correct, losses] = await onBackend('wasm', () => {
      const l = tf.tensor2d(logits, [4, CLASSES]);
      const labels = tf.tensor1d(LABELS, 'int32');
      return [correctCount(l, labels), crossEntropies(l, labels)];
    });
    expect(correct![0]).toBe(3);
    LABELS.forEach((label, i) => expect(losses![i]).toBeCloseTo(crossEntropyNaive(grid([1, CLASSES], logits.subarray(i * CLASSES, (i + 1) * CLASSES)), [label]), 5));
  });
});

describe('stemMaxPool', () => {
  const shape: [number, number, number, number] = [2, 7, 6, 4];
  // Half the inputs are ReLU zeros, so windows tie: the gradient goes to the first maximum.
  const x = randomArray(2 * 7 * 6 * 4, 51).map((v) => Math.max(0, v));
  const r = randomArray(2 * 4 * 3 * 4, 52);
  const run = (stock: boolean) => () => {
    const pool = (a: tf.Tensor) => (stock ? tf.maxPool(a as tf.Tensor4D, 3, 2, 'same') : stemMaxPool(a as tf.Tensor4D, true));
    const input = tf.tensor4d(x, shape);
    const [dx] = tf.grads((a: tf.Tensor) => tf.sum(tf.mul(pool(a), tf.tensor4d(r, [2, 4, 3, 4]))))([input]);
    return [pool(input), dx!];
  };

  it('matches the naive 3x3 stride-2 same pool and tfjs-cpu stock gradients, ties included', async () => {
    const reference = await onBackend('cpu', run(true));
    expect(relativeError(reference[0]!, maxPoolNaive(grid(shape, x)).data)).toBe(0);
    for (const backend of ['cpu', 'wasm'] as const) {
      const ours = await onBackend(backend, run(false));
      reference.forEach((expected, i) => expect(relativeError(ours[i]!, expected), `${backend} output ${i}`).toBeLessThan(SAME_BACKEND));
    }
  });
});
