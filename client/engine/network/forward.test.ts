// The whole network's forward pass, every family and both stems, against the float64 reference:
// evaluation mode (running statistics) and training mode (batch statistics).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkPlan } from '../../../shared/architecture/plan.ts';
import type { ArchitectureSpec } from '../../../shared/architecture/spec.ts';
import { onBackend, startBackends } from '../testing/backends.ts';
import { forwardNaive, grid, relativeError } from '../testing/naive-reference.ts';
import { randomBatch, randomState } from '../testing/random-state.ts';
import { forward } from './forward.ts';

const ACROSS_BACKENDS = 1e-4;
const cifar = { height: 8, width: 8, channels: 3 };
const ARCHITECTURES: ArchitectureSpec[] = [
  { family: 'Basic3ResNet', depths: [2, 1, 1], widths: [4, 8, 8], input: cifar, classes: 5 },
  { family: 'Basic4ResNet', depths: [1, 1, 1, 1], widths: [4, 4, 8, 8], input: cifar, classes: 5 },
  { family: 'Bottleneck4ResNet', depths: [1, 2, 1, 1], widths: [2, 2, 3, 4], input: cifar, classes: 5 },
  { family: 'Plain3Net', depths: [2, 1, 1], widths: [4, 8, 12], input: cifar, classes: 5 },
  { family: 'Plain4Net', depths: [1, 1, 1, 1], widths: [4, 5, 8, 8], input: cifar, classes: 5 },
  { family: 'Basic4ResNet', depths: [1, 1, 1, 1], widths: [4, 4, 8, 8], input: { height: 64, width: 64, channels: 1 }, classes: 3 },
];

beforeAll(startBackends);

describe.each(ARCHITECTURES)('forward $family $depths, $input.height x $input.width input', (architecture) => {
  const plan = networkPlan(architecture);
  const state = randomState(architecture, 7, { randomNorm: true });
  const batch = randomBatch(architecture, 3, 8);
  const params = new Map(state.tensors.map((t) => [t.name, t.data]));
  const shape = [batch.size, architecture.input.height, architecture.input.width, architecture.input.channels];

  for (const training of [false, true]) {
    it(`matches the float64 reference in ${training ? 'training' : 'evaluation'} mode on cpu and wasm`, async () => {
      const expected = forwardNaive(plan, params, grid(shape, batch.x), training).logits.data;
      for (const backend of ['cpu', 'wasm'] as const) {
        const [logits] = await onBackend(backend, () => {
          const lookup = new Map(state.tensors.map((t) => [t.name, tf.tensor(t.data, t.shape)]));
          return [forward(plan, (name) => lookup.get(name)!, tf.tensor4d(batch.x, shape as [number, number, number, number]), { training })];
        });
        expect(relativeError(logits!, expected)).toBeLessThan(ACROSS_BACKENDS);
      }
    });
  }
});
