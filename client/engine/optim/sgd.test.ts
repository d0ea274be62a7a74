// The SGD step: the wasm kernel (all tensors at once, SIMD where a size is a multiple of 4, spread
// over the kernel threads) gives the same bits as the tfjs op chain (every backend's path), and
// both follow torch.optim.SGD's formula in float64 to float32 rounding.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { onBackend, randomArray, startBackends } from '../testing/backends.ts';
import { relativeError } from '../testing/naive-reference.ts';
import { setWasmKernels } from '../wasm/index.ts';
import { sgdStep } from './sgd.ts';

const SIZE = 1046;
const w = randomArray(SIZE, 61);
const buffer = randomArray(SIZE, 62, 0.1);
const grad = randomArray(SIZE, 63, 0.5);
/** Three tensors cut from the arrays: 1000 and 36 values (SIMD), 10 (a class bias, scalar). */
const PIECES = [[0, 1000], [1000, 1036], [1036, 1046]] as const;

/** [weight', buffer'] of every piece, concatenated in piece order. */
function step(hyper: { learningRate: number; momentum: number; weightDecay: number }): tf.Tensor[] {
  const slots = PIECES.map(([from, to]) => ({
    weight: tf.variable(tf.tensor1d(w.subarray(from, to))),
    buffer: tf.variable(tf.tensor1d(buffer.subarray(from, to)), false),
    grad: tf.tensor1d(grad.subarray(from, to)),
  }));
  sgdStep(slots, hyper);
  const out = [tf.concat(slots.map((s) => s.weight)), tf.concat(slots.map((s) => s.buffer))];
  for (const slot of slots) tf.dispose([slot.weight, slot.buffer]);
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
