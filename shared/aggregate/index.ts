// Delta aggregation: the delta a volunteer reports (after - before) and what each rule promises
// for a round of a given size. The rules themselves run over flat deltas (streaming.ts).
export { subtractTensors } from './delta-arithmetic.ts';
export { minimumReports, shortRoundProblem, toleratedReports, trimCount } from './rule-promise.ts';
