// Kernel threads change no result: training on 1, 2 and 3 threads (Node worker_threads over the
// shared tfjs-wasm heap) gives bit-identical states and evaluations, and leaves no tensors behind.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchitectureSpec } from '../../../shared/architecture/spec.ts';
import type { ModelState } from '../../../shared/state/types.ts';
import { initBackend } from '../backend.ts';
import { randomBatch, randomState } from '../testing/random-state.ts';
import { Trainer } from '../trainer.ts';
import { kernelPool, setKernelThreads } from './index.ts';

const HYPER = { learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4 };
// Every kernel kind: the 3-channel stem (filter gradient of the tail channels only), Winograd
// layers, stride-2 and 1x1 shortcut convs, the Winograd filter gradient (32 channels), batch norm.
const NETWORK: ArchitectureSpec = { family: 'Basic3ResNet', depths: [1, 1, 2], widths: [8, 16, 32], input: { height: 16, width: 16, channels: 3 }, classes: 5 };
const BATCHES = [randomBatch(NETWORK, 12, 7), randomBatch(NETWORK, 12, 8)];

async function train(threads: number): Promise<{ state: ModelState; loss: number; evalLoss: number }> {
  setKernelThreads(threads);
  const trainer = new Trainer(randomState(NETWORK, 3, { randomNorm: true, randomMomentum: true }));
  try {
    const { loss } = await trainer.trainBatches(BATCHES, HYPER);
    const evaluation = await trainer.evaluate(BATCHES);
    return { state: await trainer.state(), loss, evalLoss: evaluation.loss };
  } finally {
    trainer.dispose();
  }
}

beforeAll(async () => {
  await initBackend(['wasm'], { threads: 3 });
});

describe('kernel threads', () => {
  it('start over the shared heap', () => {
    expect(kernelPool()?.size).toBe(3);
    expect((tf.backend() as unknown as { wasm: { HEAPF32: Float32Array } }).wasm.HEAPF32.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('train to the same bits on 1, 2 and 3 threads, and the other threads do share the work', async () => {
    const single = await train(1);
    for (const threads of [2, 3]) {
      const helped = kernelPool()!.helperCalls;
      const threaded = await train(threads);
      expect(kernelPool()!.helperCalls).toBeGreaterThan(helped);
      expect(threaded.loss).toBe(single.loss);
      expect(threaded.evalLoss).toBe(single.evalLoss);
      threaded.state.tensors.forEach((tensor, i) => {
        expect(tensor.name).toBe(single.state.tensors[i]!.name);
        expect(Buffer.from(tensor.data.buffer).equals(Buffer.from(single.state.tensors[i]!.data.buffer)), tensor.name).toBe(true);
      });
    }
  });

  it('keep the tensor count steady across threaded steps', async () => {
    setKernelThreads(3);
    const trainer = new Trainer(randomState(NETWORK, 4));
    try {
      await trainer.trainBatches([BATCHES[0]!], HYPER);
      const before = tf.memory().numTensors;
      await trainer.trainBatches(BATCHES, HYPER);
      await trainer.evaluate(BATCHES);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      trainer.dispose();
    }
  });
});
