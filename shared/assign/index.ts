// Assigning volunteers to runs: the goodput of a run's width and the rule that picks a run.
export { assignRun, type AssignReason, type Assignment, type RunDemand } from './assign-run.ts';
export { goodput, marginalGoodput } from './goodput.ts';
