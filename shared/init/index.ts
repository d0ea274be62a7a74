// Network initialization and growth: the initial model state and one sub-module appended to a stage.
export { initialModelState } from './initial-state.ts';
export { growStage } from './grow-stage.ts';
