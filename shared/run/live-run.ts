// A run as its driver holds it in memory: the record, the config and dataset layout it never
// changes, the model state of the current version, the round's tasks and the volunteers seen.
import type { RunConfig } from '../config/run-config.ts';
import { datasetLayout, type DatasetLayout } from '../dataset/index.ts';
import type { ModelState } from '../state/index.ts';
import type { RunContext, RunStep } from './run-context.ts';
import type { RunRecord, TaskRecord, Volunteer } from './run-record.ts';

export interface LiveRun {
  run: RunRecord;
  config: RunConfig;
  layout: DatasetLayout;
  state: ModelState;
  tasks: ReadonlyMap<string, TaskRecord>;
  volunteers: ReadonlyMap<string, Volunteer>;
}

const taskNumber = (task: TaskRecord): number => Number(task.id.slice(1));

/** Tasks in id order, so a map built from stored rows iterates as the round created them. */
export function taskMap(tasks: readonly TaskRecord[]): Map<string, TaskRecord> {
  return new Map([...tasks].sort((a, b) => taskNumber(a) - taskNumber(b)).map((task) => [task.id, task]));
}

export function liveRun(step: RunStep, config: RunConfig, volunteers: readonly Volunteer[] = [], layout: DatasetLayout = datasetLayout(config.dataset)): LiveRun {
  return { run: step.run, config, layout, state: step.state, tasks: taskMap(step.tasks), volunteers: new Map(volunteers.map((v) => [v.id, v])) };
}

export const runContext = (live: LiveRun, now: number): RunContext => ({ config: live.config, layout: live.layout, now });

export const currentStep = (live: LiveRun): RunStep => ({ run: live.run, state: live.state, tasks: [...live.tasks.values()] });
