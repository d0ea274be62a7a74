// The volunteer core, the same in the page's Web Worker and in Node: a download cache and the
// loop that leases, trains and reports (through client/coordinator, with client/tasks).
export { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from './backoff.ts';
export type { TaskRecovery } from './leased-task.ts';
export { finishedLine, statusLine } from './status-line.ts';
export { TaskInputCache } from './task-inputs.ts';
export { newVolunteerKey } from './volunteer-key.ts';
export { Volunteer, type VolunteerOptions } from './volunteer-loop.ts';
export type { Activity, FinishedTask, RunView, TaskProgress, VolunteerEnd, VolunteerEvent, VolunteerListener, VolunteerStatus } from './volunteer-status.ts';
