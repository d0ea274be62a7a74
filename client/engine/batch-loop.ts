// The trainer's loop over batches: each batch becomes tensors, runs one step, and reports its
// loss and correct count back, which also keeps an asynchronous backend at most one step ahead.
import * as tf from '@tensorflow/tfjs-core';
import type { InputShape } from '../../shared/architecture/spec.ts';
import type { Batch } from '../data/batch.ts';

export interface TrainSummary {
  samples: number;
  /** Mean cross-entropy over the samples. */
  loss: number;
  /** Percent. */
  accuracy: number;
  seconds: number;
}

/** Lets messages and timers run between batches (setImmediate in Node; no 4 ms clamp in workers). */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

export function batchTensors(batch: Batch, { height, width, channels }: InputShape): { x: tf.Tensor4D; labels: tf.Tensor1D } {
  const { input } = batch;
  if (input.height !== height || input.width !== width || input.channels !== channels || batch.x.length !== batch.size * height * width * channels || batch.y.length !== batch.size) {
    throw new Error(`batchTensors: expected a batch of ${height}x${width}x${channels} images with one label each, got ${input.height}x${input.width}x${input.channels}, ${batch.x.length} values and ${batch.y.length} labels for size ${batch.size}`);
  }
  return { x: tf.tensor4d(batch.x, [batch.size, height, width, channels]), labels: tf.tensor1d(batch.y, 'int32') };
}

/** Runs `step` per batch; each step returns [summed loss, correct count] of its batch. */
export async function runBatches(batches: Iterable<Batch>, onBatch: ((samplesDone: number) => void) | undefined, step: (batch: Batch) => tf.Tensor1D): Promise<TrainSummary> {
  const started = performance.now();
  let samples = 0;
  let lossSum = 0;
  let correct = 0;
  for (const batch of batches) {
    const stats = step(batch);
    const [batchLoss, batchCorrect] = await stats.data();
    stats.dispose();
    samples += batch.size;
    lossSum += batchLoss!;
    correct += batchCorrect!;
    onBatch?.(samples);
    await yieldToEventLoop();
  }
  const seconds = (performance.now() - started) / 1000;
  return { samples, loss: samples ? lossSum / samples : 0, accuracy: samples ? (100 * correct) / samples : 0, seconds };
}
