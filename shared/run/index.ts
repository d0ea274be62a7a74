// The run's life, written once: create a run, lease, release, report, close rounds, grow, score,
// finish. The coordinator's Durable Object, the in-process runner and the fleet simulator drive it.
export { applyChanges, noChanges, type RunChanges } from './run-changes.ts';
export { createRun, layoutProblem } from './create-run.ts';
export type { LeaseClaims } from './lease-claims.ts';
export type { LeaseReply } from './lease-step.ts';
export { currentStep, liveRun, runContext, taskMap, type LiveRun } from './live-run.ts';
export { memoryPort, memoryRun } from './memory-port.ts';
export { accept, refuse, type Outcome, type RefusalStatus } from './outcome.ts';
export { activeVolunteers, runProgress, runSummary } from './progress.ts';
export type { ReportInput } from './report-step.ts';
export type { RunContext, RunStep } from './run-context.ts';
export { runDemand, usefulWidth } from './run-demand.ts';
export { RunDriver, type RunPort } from './run-driver.ts';
export type { RunControl } from './control-step.ts';
export type { LeaseRecord, RunRecord, TaskRecord, TaskReport, Volunteer, Work } from './run-record.ts';
export { taskView } from './task-view.ts';
