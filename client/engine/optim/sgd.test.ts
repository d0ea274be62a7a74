// The SGD step: the wasm kernel gives the same bits as the tfjs op chain (every backend's path),
// and both follow torch.optim.SGD's formula in float64 to float32 rounding.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { onBackend, randomArray, startBackends } from '../testing/backends.ts';
import { relativeError } from '../testing/naive-reference.ts';
import { setWasmKernels } from '../wasm/index.ts';
import { sgdStep } from './sgd.ts';

const SIZE = 1000;
const w = randomArray(SIZE, 61);
const buffer = randomArray(SIZE, 62, 0.1);
const grad = randomArray(SIZE, 63, 0.5);

function step(hyper: { learningRate: number; momentum: number; weightDecay: number }): tf.Tensor[] {
  const weight = tf.variable(tf.tensor1d(w));
  const momentum = tf.variable(tf.tensor1d(buffer), false);
  sgdStep([{ weight, buffer: momentum, grad: tf.tensor1d(grad) }], hyper);
  const out = [weight.clone(), momentum.clone()];
  weight.dispose();
  momentum.dispose();
  return out;
}

beforeAll(startBackends);
afterEach(() => setWasmKernels(true));

describe.each([
  { learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4 },
  { learningRate: 0.05, momentum: 0, weightDecay: 0 },
])('sgdStep (lr $learningRate, momentum $momentum, weight decay $weightDecay)', (hyper) => {
  it('runs the same float32 arithmetic as one wasm kernel as the tfjs ops do', async () => {
    const fused = await onBackend('wasm', () => step(hyper));
    setWasmKernels(false);
    const ops = await onBackend('wasm', () => step(hyper));
    const cpu = await onBackend('cpu', () => step(hyper));
    fused.forEach((values, i) => {
      expect(Buffer.from(values.buffer).equals(Buffer.from(ops[i]!.buffer))).toBe(true);
      expect(Buffer.from(values.buffer).equals(Buffer.from(cpu[i]!.buffer))).toBe(true);
    });
  });

  it('is torch.optim.SGD: buf = m * buf + grad + wd * w, w -= lr * buf', async () => {
    const [weight, nextBuffer] = await onBackend('wasm', () => step(hyper));
    const expectedBuffer = Array.from(buffer, (b, i) => hyper.momentum * b + grad[i]! + hyper.weightDecay * w[i]!);
    expect(relativeError(nextBuffer!, expectedBuffer)).toBeLessThan(1e-6);
    expect(relativeError(weight!, Array.from(w, (v, i) => v - hyper.learningRate * expectedBuffer[i]!))).toBeLessThan(1e-6);
  });
});
