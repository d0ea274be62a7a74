// The fine-tune phase: entered once no stage can grow, it walks the LR staircase, then ends the run
// with a test evaluation.
import type { RunConfig } from '../config/run-config.ts';
import { fineTuneLearningRate } from './fine-tune-schedule.ts';
import type { ControllerState, Transition } from './types.ts';

/** The grown network keeps training (no restart) from the initial LR; 0 fine-tune epochs ends the run at once. */
export function enterFineTune([state, effects]: Transition, config: RunConfig): Transition {
  if (config.fineTune.epochs === 0) return finishRun([state, effects]);
  const learningRate = fineTuneLearningRate(config, 0);
  return [
    { ...state, phase: 'fine-tuning', learningRate },
    [...effects, { type: 'start-fine-tune' }, { type: 'set-learning-rate', learningRate }],
  ];
}

/** Every path that can empty the circle ends here: a growing run with nothing left to grow fine-tunes. */
export function fineTuneIfCircleEmpty(transition: Transition, config: RunConfig): Transition {
  const [state] = transition;
  return state.phase === 'growing' && state.circle.length === 0 ? enterFineTune(transition, config) : transition;
}

/** After a fine-tune epoch is recorded: the next LR step, or the end of the run. */
export function fineTuneEpochFinished(state: ControllerState, config: RunConfig): Transition {
  if (state.fineTuneEpochs >= config.fineTune.epochs) return finishRun([state, []]);
  const learningRate = fineTuneLearningRate(config, state.fineTuneEpochs);
  if (learningRate === state.learningRate) return [state, []];
  return [{ ...state, learningRate }, [{ type: 'set-learning-rate', learningRate }]];
}

function finishRun([state, effects]: Transition): Transition {
  return [{ ...state, phase: 'done' }, [...effects, { type: 'evaluate-test' }, { type: 'done' }]];
}
