// A run as its driver holds it in memory: the record, the config and dataset layout it never
// changes, the model state of the current version, the round's tasks and the volunteers seen.
import type { RunConfig } from '../config/run-config.ts';
import { datasetLayout, type DatasetLayout } from '../dataset/index.ts';
import type { ModelState } from '../state/index.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { taskNumber, type RunRecord, type TaskRecord, type Volunteer } from './run-record.ts';

export interface LiveRun {
  run: RunRecord;
  config: RunConfig;
  layout: DatasetLayout;
  state: ModelState;
  outer: Float32Array | null;
  tasks: ReadonlyMap<string, TaskRecord>;
  volunteers: ReadonlyMap<string, Volunteer>;
}

/** A volunteer that asked or reported this recently is at work, as is one that holds a lease. */
const AT_WORK_SECONDS = 30;

/** Tasks in id order, so a map built from stored rows iterates as the round created them. */
export function taskMap(tasks: readonly TaskRecord[]): Map<string, TaskRecord> {
  return new Map([...tasks].sort((a, b) => taskNumber(a.id) - taskNumber(b.id)).map((task) => [task.id, task]));
}

export function liveRun(step: RunStep, config: RunConfig, volunteers: readonly Volunteer[] = [], layout: DatasetLayout = datasetLayout(config.dataset)): LiveRun {
  return { run: step.run, config, layout, state: step.state, outer: step.outer, tasks: taskMap(step.tasks), volunteers: new Map(volunteers.map((v) => [v.id, v])) };
}

export function volunteersAtWork(live: LiveRun, now: number): number {
  const holding = new Set<string>();
  for (const task of live.tasks.values()) for (const lease of task.leases) holding.add(lease.volunteerId);
  for (const volunteer of live.volunteers.values()) if (now - volunteer.lastSeen <= AT_WORK_SECONDS * 1000) holding.add(volunteer.id);
  return holding.size;
}

export const runContext = (live: LiveRun, now: number): RunContext => ({ config: live.config, layout: live.layout, now, volunteersAtWork: volunteersAtWork(live, now) });

export const currentStep = (live: LiveRun): RunStep => ({ run: live.run, state: live.state, outer: live.outer, tasks: [...live.tasks.values()] });
