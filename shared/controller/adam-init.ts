// AdamInit (the official "adam" initializer): after a growth only the last BN of the new blocks
// trains, with Adam, until train accuracy is back near the shallower net's.
import type { RunConfig } from '../config/run-config.ts';
import { fineTuneIfCircleEmpty } from './fine-tune.ts';
import type { ControllerEffect, ControllerState, Transition } from './types.ts';

/** Fixed in the official code: Adam at 1e-3, at most 10 epochs, done within 0.5 points of the old train accuracy. */
export const ADAM_INIT = { learningRate: 1e-3, maxEpochs: 10, trainAccMargin: 0.5 } as const;

/** The task for the stages grown last, aiming at the train accuracy of the epoch before the growth. */
export function adamInitEffect(state: ControllerState): ControllerEffect {
  const lastTrainAcc = state.trainAccHistory[state.trainAccHistory.length - 1];
  if (lastTrainAcc === undefined) throw new Error('adamInitEffect: a growth happened before any epoch finished');
  return {
    type: 'adam-init',
    stages: [...state.lastGrown],
    targetTrainAcc: lastTrainAcc - ADAM_INIT.trainAccMargin,
    maxEpochs: ADAM_INIT.maxEpochs,
    learningRate: ADAM_INIT.learningRate,
  };
}

export function startAdamInit([state, effects]: Transition): Transition {
  const next: ControllerState = { ...state, phase: 'adam-init' };
  return [next, [...effects, adamInitEffect(next)]];
}

/** Back to growing; if that growth emptied the circle, fine-tuning starts now. */
export function finishAdamInit(state: ControllerState, config: RunConfig): Transition {
  return fineTuneIfCircleEmpty([{ ...state, phase: 'growing' }, []], config);
}
