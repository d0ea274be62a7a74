// The fine-tune phase's staircase: the initial LR again, times lrFactor at each step.
import type { RunConfig } from '../config/run-config.ts';

/**
 * LR for the fine-tune epoch after `fineTuneEpochs` finished ones. A step at fraction f applies
 * from floor(f * epochs) fine-tune epochs on (100 and 150 of 200 for the CIFAR steps 1/2, 3/4).
 * Steps that land on the same epoch each apply; a step that floors to 0 applies from the start.
 */
export function fineTuneLearningRate(config: RunConfig, fineTuneEpochs: number): number {
  const { epochs, lrSteps, lrFactor } = config.fineTune;
  const stepsPassed = lrSteps.filter((step) => Math.floor(step * epochs) <= fineTuneEpochs).length;
  return config.optimizer.learningRate * lrFactor ** stepsPassed;
}
