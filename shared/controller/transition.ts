// The AutoGrow controller: transition(state, event, config) -> [next state, effects]. Pure: time,
// accuracies and restarts all arrive as events.
import type { RunConfig } from '../config/run-config.ts';
import { adamInitEffect, finishAdamInit } from './adam-init.ts';
import { fineTuneEpochFinished } from './fine-tune.ts';
import { growingEpochFinished } from './growing-epoch.ts';
import { recordEpoch, type EpochFinished } from './record-epoch.ts';
import type { ControllerEffect, ControllerEvent, ControllerState, Transition } from './types.ts';

export function transition(state: ControllerState, event: ControllerEvent, config: RunConfig): Transition {
  if (state.phase === 'done') return [state, []];
  switch (event.type) {
    case 'epoch-finished':
      return epochFinished(state, event, config);
    case 'adam-init-finished':
      // A repeat after the phase moved on (the executor resent it after a restart) changes nothing.
      return state.phase === 'adam-init' ? finishAdamInit(state, config) : [state, []];
    case 'run-resumed':
      return [state, resyncEffects(state)];
  }
}

function epochFinished(state: ControllerState, event: EpochFinished, config: RunConfig): Transition {
  // A replayed epoch (event.epoch behind state.epoch after a restart) or an epoch reported while the
  // new blocks are still being AdamInit-ed must not count twice or out of turn.
  if (event.epoch !== state.epoch || state.phase === 'adam-init') return [state, []];
  const recorded = recordEpoch(state, event, config.stop.metric);
  return state.phase === 'growing' ? growingEpochFinished(recorded, config) : fineTuneEpochFinished(recorded, config);
}

/** What an executor that lost its in-memory settings needs to continue where the state says. */
function resyncEffects(state: ControllerState): ControllerEffect[] {
  const setLearningRate: ControllerEffect = { type: 'set-learning-rate', learningRate: state.learningRate };
  return state.phase === 'adam-init' ? [setLearningRate, adamInitEffect(state)] : [setLearningRate];
}
