// One finished epoch of the growing phase: the cap on growing epochs, else the K-epoch boundary.
import type { RunConfig } from '../config/run-config.ts';
import { fineTuneIfCircleEmpty } from './fine-tune.ts';
import { convergentBoundary, periodicBoundary } from './growth-boundary.ts';
import { freezeStages } from './stage-changes.ts';
import type { ControllerState, Transition } from './types.ts';

/** Runs on a state that already holds the epoch's accuracies and counts. */
export function growingEpochFinished(state: ControllerState, config: RunConfig): Transition {
  return fineTuneIfCircleEmpty(capOrBoundary(state, config), config);
}

function capOrBoundary(state: ControllerState, config: RunConfig): Transition {
  const { maxGrowingEpochs, interval, policy } = config.growth;
  // At the cap nothing grows any more, even on a K boundary: every stage left is frozen as it is.
  if (state.growingEpochs >= maxGrowingEpochs) return freezeStages([state, []], state.circle);
  if (state.growingEpochs % interval !== 0) return [state, []];
  return policy === 'periodic' ? periodicBoundary([state, []], config) : convergentBoundary([state, []], config);
}
