// When volunteers' reports of diverged training roll the run back: once as many distinct
// volunteers as it takes (two, or the one there is) say so of one task of the round in flight,
// so a single dishonest volunteer in a fleet cannot send the run back.
import type { LiveRun } from './live-run.ts';

const DIVERGED_VOLUNTEERS = 2;

/** Why the run should roll back now, or null. */
export function divergenceReason(live: LiveRun, volunteersAtWork: number): string | null {
  const needed = Math.min(DIVERGED_VOLUNTEERS, Math.max(1, volunteersAtWork));
  for (const task of live.tasks.values()) {
    if (task.divergedBy.length >= needed) return `training diverged on task ${task.id} for ${task.divergedBy.length} volunteer${task.divergedBy.length === 1 ? '' : 's'}`;
  }
  return null;
}
