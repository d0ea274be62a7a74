// Delta aggregation: subtracting and applying deltas, validating a reported one, combining a round's.
export { applyDelta, deltaNorm, subtractTensors } from './delta-arithmetic.ts';
export { validateDelta, type DeltaCheck } from './validate-delta.ts';
export { combineDeltas, type CombineOptions, type DeltaReport } from './combine-deltas.ts';
