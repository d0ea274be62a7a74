// The controller's state before the first epoch: the seed network, every stage below its max in the circle.
import type { RunConfig } from '../config/run-config.ts';
import { initialCircle } from './circle.ts';
import { enterFineTune } from './fine-tune.ts';
import type { ControllerState, Transition } from './types.ts';

/** Effects: the growing LR; a seed that is already at its max depths goes straight to fine-tuning. */
export function initialControllerState(config: RunConfig): Transition {
  const { seedDepths, maxDepths } = config.architecture;
  const learningRate = config.optimizer.learningRate;
  const state: ControllerState = {
    phase: 'growing',
    epoch: 0,
    growingEpochs: 0,
    fineTuneEpochs: 0,
    depths: [...seedDepths],
    circle: initialCircle(seedDepths, maxDepths),
    lastGrown: [],
    cursor: 0,
    valAccHistory: [],
    bestHistory: [],
    trainAccHistory: [],
    learningRate,
    log: [],
    latency: null,
  };
  if (state.circle.length === 0) return enterFineTune([state, []], config);
  return [state, [{ type: 'set-learning-rate', learningRate }]];
}
