// Records a finished epoch: its accuracies, the moving metric, and the counters of the current phase.
import { nextMetricValue, type GrowthMetric } from './moving-metric.ts';
import type { ControllerEvent, ControllerState } from './types.ts';

export type EpochFinished = Extract<ControllerEvent, { type: 'epoch-finished' }>;

export function recordEpoch(state: ControllerState, event: EpochFinished, metric: GrowthMetric): ControllerState {
  return {
    ...state,
    epoch: state.epoch + 1,
    growingEpochs: state.growingEpochs + (state.phase === 'growing' ? 1 : 0),
    fineTuneEpochs: state.fineTuneEpochs + (state.phase === 'fine-tuning' ? 1 : 0),
    valAccHistory: [...state.valAccHistory, event.valAcc],
    bestHistory: [...state.bestHistory, nextMetricValue(state.bestHistory, event.valAcc, metric)],
    trainAccHistory: [...state.trainAccHistory, event.trainAcc],
    latency: measuredLatency(state, event),
  };
}

/** The epoch ran at the state's depths; an epoch without a usable measurement keeps the one before. */
function measuredLatency(state: ControllerState, event: EpochFinished): ControllerState['latency'] {
  const ms = event.forwardMsPerImage;
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return state.latency ?? null;
  return { depths: [...state.depths], msPerImage: ms };
}
