// The AutoGrow controller: a pure state machine from epoch results to grow/freeze/fine-tune effects.
export * from './types.ts';
export { initialControllerState } from './initial-state.ts';
export { transition } from './transition.ts';
export { replayCurve, type EpochResult, type Replay, type TimedEffect } from './replay.ts';
