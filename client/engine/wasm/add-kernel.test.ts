// The engine's wasm Add: large same-shape sums (split over the kernel threads) and everything it
// hands to tfjs-wasm's own kernel give exactly the float32 sums the cpu backend computes.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { onBackend, randomArray, startBackends } from '../testing/backends.ts';
import { onWasmBackend } from './index.ts';

const SHAPE: [number, number, number, number] = [16, 16, 16, 16];
const a = randomArray(16 ** 4, 71);
const b = randomArray(16 ** 4, 72, 3);
const row = randomArray(16, 73);

beforeAll(async () => {
  await startBackends();
  onWasmBackend();
});

describe('Add on wasm', () => {
  it.each([
    ['same shape, 65536 values (the engine kernel)', () => tf.add(tf.tensor4d(a, SHAPE), tf.tensor4d(b, SHAPE))],
    ['broadcast over channels (tfjs-wasm)', () => tf.add(tf.tensor4d(a, SHAPE), tf.tensor1d(row))],
    ['same shape, 16 values (tfjs-wasm)', () => tf.add(tf.tensor1d(a.subarray(0, 16)), tf.tensor1d(row))],
  ])('%s equals the cpu backend bit for bit', async (_, sum) => {
    const [wasm] = await onBackend('wasm', () => [sum()]);
    const [cpu] = await onBackend('cpu', () => [sum()]);
    expect(Buffer.from(wasm!.buffer).equals(Buffer.from(cpu!.buffer))).toBe(true);
  });
});
