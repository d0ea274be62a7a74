// Test helpers: start the cpu and wasm backends once, run a computation on one of them, and draw
// seeded random arrays.
import * as tf from '@tensorflow/tfjs-core';
import { RandomGenerator } from '../../../shared/random/generator.ts';
import { initBackend } from '../backend.ts';

export async function startBackends(): Promise<void> {
  await initBackend(['cpu']);
  await initBackend(['wasm']);
}

/** Runs f on the named backend inside tf.tidy and downloads every tensor it returns. */
export async function onBackend(name: 'cpu' | 'wasm', f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(name);
  const tensors = tf.tidy(f);
  const values = tensors.map((t) => new Float32Array(t.dataSync()));
  tf.dispose(tensors);
  return values;
}

export function randomArray(length: number, seed: number, scale = 1, offset = 0): Float32Array {
  const random = new RandomGenerator(seed);
  return Float32Array.from({ length }, () => offset + scale * random.normal());
}
