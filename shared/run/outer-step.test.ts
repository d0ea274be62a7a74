import { describe, expect, it } from 'vitest';
import { tensorSpecs } from '../architecture/parameters.ts';
import { FleetConfigSchema } from '../config/run-config.ts';
import { initialModelState } from '../init/index.ts';
import { outerLearningRate, roundStep } from './outer-step.ts';
import { stateLayout } from './state-layout.ts';

const state = initialModelState({ family: 'Basic3ResNet', depths: [1, 1, 1], widths: [4, 8, 8], input: { height: 12, width: 12, channels: 1 }, classes: 4 }, 1);
const layout = stateLayout(state);
const trainable = new Set(tensorSpecs(state.architecture).filter((spec) => spec.trainable).map((spec) => spec.name));
const outer = (patch: object) => FleetConfigSchema.parse({ outer: patch }).outer;

describe('roundStep', () => {
  it('scales the learning rate with the reports of the round as configured', () => {
    expect(outerLearningRate(outer({ learningRate: 0.5, scaling: 'none' }), 16)).toBe(0.5);
    expect(outerLearningRate(outer({ learningRate: 0.5, scaling: 'sqrt' }), 16)).toBe(2);
    expect(outerLearningRate(outer({ learningRate: 0.5, scaling: 'linear' }), 16)).toBe(8);
  });

  it('moves trainable parameters by the outer step, BN running statistics by the plain mean, and keeps no momentum for them', () => {
    const combined = new Float32Array(layout.length).fill(0.01);
    const { step, momentum } = roundStep(outer({ learningRate: 2, momentum: 0.9, nesterov: true }), 4, combined, null, state, layout);
    layout.names.forEach((name, i) => {
      const start = layout.offsets[i]!;
      // Nesterov's first step: lr * (g + m * g) with g = the combined delta.
      const expected = trainable.has(name) ? Math.fround(2 * (0.01 + 0.9 * 0.01)) : Math.fround(0.01);
      expect(step[start]).toBeCloseTo(expected, 7);
      expect(momentum![start]).toBe(trainable.has(name) ? Math.fround(-0.01) : 0);
    });
  });

  it('is the combined delta itself, bit for bit, for plain averaging', () => {
    const combined = Float32Array.from({ length: layout.length }, (_, j) => (j % 7) * 1e-3 - 2e-3);
    const copy = combined.slice();
    const { step, momentum } = roundStep(outer({}), 8, combined, null, state, layout);
    expect(step).toEqual(copy);
    expect(momentum).toBeNull();
  });
});
