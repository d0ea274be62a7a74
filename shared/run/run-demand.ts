// What a run could use of the fleet now, as the assigning object and the fleet simulator read it
// (shared/assign): how many volunteers its work has room for, its noise scale, its priority.
import type { RunDemand } from '../assign/index.ts';
import type { LiveRun } from './live-run.ts';
import { noiseScale } from './noise-scale.ts';
import { roundCap } from './round-size.ts';

/**
 * Volunteers the run has work for: in a train or AdamInit pass the round cap (its noise scale
 * under 'noise-scale') or the tasks the pass has left, whichever is fewer; in an eval round its
 * tasks' copies; none when it is paused, done, or between steps.
 */
export function usefulWidth(live: LiveRun): number {
  const { run, config, tasks } = live;
  if (run.status !== 'running') return 0;
  const open = [...tasks.values()].filter((task) => !task.report);
  if (run.work.kind === 'eval') return open.reduce((sum, task) => sum + task.replicas, 0);
  if (run.work.kind === 'none') return 0;
  const passTasks = open.length + Math.ceil(run.work.pending.length / config.fleet.shardsPerTask);
  return Math.min(roundCap(config.fleet, run.noise), passTasks);
}

/** The run's demand, less the volunteers at work for it: the assigning side counts those. */
export function runDemand(live: LiveRun): Omit<RunDemand, 'volunteers'> {
  return { id: live.run.id, group: live.config.group, priority: live.config.priority, usefulWidth: usefulWidth(live), noiseScale: noiseScale(live.run.noise) };
}
