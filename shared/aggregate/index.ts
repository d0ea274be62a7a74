// Delta aggregation: subtracting and applying deltas, validating a reported one, combining a
// round's, and what each rule promises for a round of a given size.
export { applyDelta, deltaNorm, subtractTensors } from './delta-arithmetic.ts';
export { validateDelta, type DeltaCheck } from './validate-delta.ts';
export { combineDeltas, type CombineOptions, type CombineOutcome, type DeltaReport } from './combine-deltas.ts';
export { minimumReports, shortRoundProblem, toleratedReports, trimCount } from './rule-promise.ts';
