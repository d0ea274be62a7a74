// Streaming aggregation over flat deltas: a running weighted sum, norm checks at acceptance, the
// robust rules block by block over stored reports, and the outer optimizer on the result.
export { combineBlockwise, DEFAULT_COMBINE_BLOCK, type BlockwiseOptions, type StoredReport } from './blockwise-rules.ts';
export { clipScale, flatNorm } from './flat-norm.ts';
export { outerStep, type OuterOptimizerSettings, type OuterStep } from './outer-optimizer.ts';
export { RunningSum } from './running-sum.ts';
