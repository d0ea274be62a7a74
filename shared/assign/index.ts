// Assigning volunteers to runs: the goodput of a run's width, the rule that picks a run, and the
// assigning object's memory of demands and assignments.
export { assignRun, type AssignReason, type Assignment, type RunDemand } from './assign-run.ts';
export { goodput, marginalGoodput } from './goodput.ts';
export { ASSIGNMENT_TIMEOUT_MS, Assignments, type DemandView, type VolunteerAssignment } from './assignments.ts';
