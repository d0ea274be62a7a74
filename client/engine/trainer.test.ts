// The Trainer end to end: a training step on wasm against cpu, SGD and running statistics against
// float64 references, stable tensor counts, state round trips, AdamInit, and every family.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkPlan } from '../../shared/architecture/plan.ts';
import type { ArchitectureSpec } from '../../shared/architecture/spec.ts';
import { momentumName, type ModelState } from '../../shared/state/types.ts';
import { startBackends } from './testing/backends.ts';
import { forwardNaive, grid } from './testing/naive-reference.ts';
import { randomBatch, randomState } from './testing/random-state.ts';
import { Trainer } from './trainer.ts';

/** Largest absolute difference between any two same-named tensors after one step. */
const STEP_ACROSS_BACKENDS = 1e-4;
const HYPER = { learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4 };
const cifar = { height: 8, width: 8, channels: 3 };
const SMALL: ArchitectureSpec = { family: 'Basic3ResNet', depths: [1, 2, 1], widths: [4, 8, 8], input: cifar, classes: 5 };

const tensor = (state: ModelState, name: string) => state.tensors.find((t) => t.name === name)!.data;

async function trainOnce(backend: 'cpu' | 'wasm', state: ModelState, batches = [randomBatch(state.architecture, 6, 3)]): Promise<ModelState> {
  await tf.setBackend(backend);
  const trainer = new Trainer(state);
  try {
    await trainer.trainBatches(batches, HYPER);
    return await trainer.state();
  } finally {
    trainer.dispose();
  }
}

function maxDifference(a: ModelState, b: ModelState): number {
  return Math.max(...a.tensors.map((t, i) => t.data.reduce((m, v, j) => Math.max(m, Math.abs(v - b.tensors[i]!.data[j]!)), 0)));
}

beforeAll(startBackends);

describe('Trainer', () => {
  it.each([
    SMALL,
    { family: 'Bottleneck4ResNet', depths: [1, 1, 1, 1], widths: [2, 2, 4, 4], input: cifar, classes: 5 },
    { family: 'Basic4ResNet', depths: [1, 1, 1, 1], widths: [4, 4, 8, 8], input: { height: 64, width: 64, channels: 1 }, classes: 3 },
  ] satisfies ArchitectureSpec[])('takes the same SGD step on wasm as on cpu ($family, $input.height px)', async (architecture) => {
    const state = randomState(architecture, 1, { randomNorm: true, randomMomentum: true });
    const [cpu, wasm] = [await trainOnce('cpu', state), await trainOnce('wasm', state)];
    expect(maxDifference(wasm, cpu)).toBeLessThan(STEP_ACROSS_BACKENDS);
    expect(maxDifference(wasm, state)).toBeGreaterThan(1e-3);
  });

  it('updates like torch.optim.SGD and BN running statistics like PyTorch (float64 reference)', async () => {
    const state = randomState(SMALL, 2, { randomNorm: true, randomMomentum: true });
    const batch = randomBatch(SMALL, 6, 4);
    const after = await trainOnce('wasm', state, [batch]);
    const plan = networkPlan(SMALL);
    const params = new Map(state.tensors.map((t) => [t.name, t.data]));
    const { logits, stats } = forwardNaive(plan, params, grid([6, 8, 8, 3], batch.x), true);
    // Head bias gradient: mean over the batch of softmax - onehot.
    const classes = SMALL.classes;
    const grad = new Float64Array(classes);
    for (let b = 0; b < 6; b++) {
      const row = logits.data.subarray(b * classes, (b + 1) * classes);
      const total = row.reduce((s, v) => s + Math.exp(v), 0);
      row.forEach((v, k) => (grad[k]! += (Math.exp(v) / total - (k === batch.y[b] ? 1 : 0)) / 6));
    }
    const bias = tensor(state, 'head.b');
    const buffer = tensor(state, momentumName('head.b'));
    const nextBuffer = Array.from(grad, (g, k) => HYPER.momentum * buffer[k]! + g + HYPER.weightDecay * bias[k]!);
    nextBuffer.forEach((v, k) => {
      expect(tensor(after, momentumName('head.b'))[k]).toBeCloseTo(v, 5);
      expect(tensor(after, 'head.b')[k]).toBeCloseTo(bias[k]! - HYPER.learningRate * v, 5);
    });
    for (const [bn, { mean, variance, count }] of stats) {
      const [runningMean, runningVar] = [tensor(state, `${bn}.mean`), tensor(state, `${bn}.var`)];
      mean.forEach((m, c) => expect(tensor(after, `${bn}.mean`)[c]).toBeCloseTo(0.9 * runningMean[c]! + 0.1 * m, 5));
      variance.forEach((v, c) => expect(tensor(after, `${bn}.var`)[c]).toBeCloseTo(0.9 * runningVar[c]! + (0.1 * v * count) / (count - 1), 5));
    }
  });

  it('keeps the tensor count steady across training steps and evaluation', async () => {
    await tf.setBackend('wasm');
    const trainer = new Trainer(randomState(SMALL, 3));
    const batches = [0, 1, 2].map((i) => randomBatch(SMALL, 4, 10 + i));
    await trainer.trainBatches(batches.slice(0, 1), HYPER);
    const settled = tf.memory().numTensors;
    await trainer.trainBatches(batches, HYPER);
    await trainer.adamInitBatches(batches, { stages: [1], learningRate: 1e-3 });
    const withAdam = tf.memory().numTensors;
    await trainer.adamInitBatches(batches, { stages: [1], learningRate: 1e-3 });
    await trainer.evaluate(batches);
    expect(tf.memory().numTensors).toBe(withAdam);
    expect(withAdam).toBe(settled + 5); // m and v for gamma and beta, and the step counter
    trainer.dispose();
  });

  it('returns the state it was given, in order, with missing momentum buffers appended as zeros', async () => {
    await tf.setBackend('wasm');
    const full = randomState(SMALL, 4, { randomNorm: true });
    const given = { architecture: SMALL, tensors: full.tensors.filter((t) => t.name !== momentumName('head.w')).reverse() };
    const trainer = new Trainer(given);
    await trainer.evaluate([randomBatch(SMALL, 4, 5)]);
    const { tensors } = await trainer.state();
    trainer.dispose();
    expect(tensors.map((t) => t.name)).toEqual([...given.tensors.map((t) => t.name), momentumName('head.w')]);
    given.tensors.forEach((t, i) => expect(Array.from(tensors[i]!.data)).toEqual(Array.from(t.data)));
    expect(tensors.at(-1)!.data.every((v) => v === 0)).toBe(true);
  });

  it('refuses states that do not fit the architecture, naming the tensor', () => {
    const state = randomState(SMALL, 5);
    const wrongShape = { ...state, tensors: state.tensors.map((t) => (t.name === 'head.b' ? { ...t, shape: [4], data: new Float32Array(4) } : t)) };
    expect(() => new Trainer(wrongShape)).toThrow(/head\.b should be \[5\]/);
    expect(() => new Trainer({ ...state, tensors: state.tensors.filter((t) => t.name !== 'stem.bn.var') })).toThrow(/lacks 1 tensors.*stem\.bn\.var/);
    expect(() => new Trainer({ ...state, tensors: [...state.tensors, { name: 'extra', shape: [1], data: new Float32Array(1) }] })).toThrow(/extra does not belong/);
  });

  it('AdamInit trains only the newest block last BN of each listed stage, with Adam steps of size lr', async () => {
    await tf.setBackend('wasm');
    const state = randomState(SMALL, 6, { randomNorm: true });
    const trainer = new Trainer(state);
    const batches = [randomBatch(SMALL, 6, 7)];
    await trainer.adamInitBatches(batches, { stages: [1, 2], learningRate: 0.01 });
    const once = await trainer.state();
    await trainer.adamInitBatches(batches, { stages: [1, 2], learningRate: 0.01 });
    const twice = await trainer.state();
    trainer.dispose();
    const targets = ['s1.b1.bn2.gamma', 's1.b1.bn2.beta', 's2.b0.bn2.gamma', 's2.b0.bn2.beta'];
    for (const t of state.tensors) {
      const changed = t.data.some((v, i) => v !== tensor(once, t.name)[i]);
      const expectChange = targets.includes(t.name) || t.name.endsWith('.mean') || t.name.endsWith('.var');
      expect(changed, t.name).toBe(expectChange);
    }
    // Adam's first step moves each parameter by lr * g / (|g| + eps), i.e. by lr.
    for (const name of targets) tensor(state, name).forEach((v, i) => expect(Math.abs(tensor(once, name)[i]! - v)).toBeCloseTo(0.01, 4));
    expect(once.tensors.slice(state.tensors.length).map((t) => t.name)).toEqual([...targets.flatMap((n) => [`${n}#adam-m`, `${n}#adam-v`]), 'adam#step']);
    expect(Array.from(tensor(twice, 'adam#step'))).toEqual([2]);
  });

  it.each([
    { family: 'Basic3ResNet', depths: [1, 1, 1], widths: [4, 4, 8], input: cifar, classes: 4 },
    { family: 'Basic4ResNet', depths: [1, 1, 1, 1], widths: [4, 4, 8, 8], input: cifar, classes: 4 },
    { family: 'Bottleneck4ResNet', depths: [1, 1, 1, 1], widths: [1, 2, 2, 4], input: cifar, classes: 4 },
    { family: 'Plain3Net', depths: [1, 1, 1], widths: [4, 4, 8], input: cifar, classes: 4 },
    { family: 'Plain4Net', depths: [1, 1, 1, 1], widths: [4, 4, 8, 8], input: cifar, classes: 4 },
  ] satisfies ArchitectureSpec[])('builds, trains a step and evaluates $family on wasm', async (architecture) => {
    await tf.setBackend('wasm');
    const trainer = new Trainer(randomState(architecture, 8));
    const batch = randomBatch(architecture, 4, 9);
    const summary = await trainer.trainBatches([batch, batch], HYPER);
    const evaluation = await trainer.evaluate([batch]);
    trainer.dispose();
    expect(summary.samples).toBe(8);
    expect(Number.isFinite(summary.loss) && summary.loss > 0).toBe(true);
    expect(evaluation.samples).toBe(4);
    expect(evaluation.correct).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(evaluation.loss)).toBe(true);
  });
});
