import { describe, expect, it } from 'vitest';
import { fineTuneLearningRate } from './fine-tune-schedule.ts';
import { controllerTestConfig } from './test-support.ts';

describe('fineTuneLearningRate', () => {
  it('steps x0.1 at epochs 100 and 150 of 200, as the CIFAR baselines do', () => {
    const config = controllerTestConfig({ fineTune: { epochs: 200, lrSteps: [0.5, 0.75], lrFactor: 0.1 } });
    const at = (epochs: number) => fineTuneLearningRate(config, epochs);
    expect([at(0), at(99)]).toEqual([0.1, 0.1]);
    expect(at(100)).toBeCloseTo(0.01, 15);
    expect(at(149)).toBeCloseTo(0.01, 15);
    expect(at(150)).toBeCloseTo(0.001, 15);
    expect(at(199)).toBeCloseTo(0.001, 15);
  });

  it('floors the step epochs: 1/3 and 2/3 of 10 are epochs 3 and 6', () => {
    const config = controllerTestConfig({ optimizer: { learningRate: 1 }, fineTune: { epochs: 10, lrSteps: [1 / 3, 2 / 3], lrFactor: 0.5 } });
    expect([2, 3, 5, 6].map((epochs) => fineTuneLearningRate(config, epochs))).toEqual([1, 0.5, 0.5, 0.25]);
  });

  it('applies each of two steps that land on the same epoch', () => {
    const config = controllerTestConfig({ optimizer: { learningRate: 1 }, fineTune: { epochs: 2, lrSteps: [0.5, 0.75], lrFactor: 0.5 } });
    expect([0, 1].map((epochs) => fineTuneLearningRate(config, epochs))).toEqual([1, 0.25]);
  });

  it('applies a step that floors to epoch 0 from the first fine-tune epoch on', () => {
    const config = controllerTestConfig({ optimizer: { learningRate: 1 }, fineTune: { epochs: 1, lrSteps: [0.5], lrFactor: 0.5 } });
    expect(fineTuneLearningRate(config, 0)).toBe(0.5);
  });
});
