// What every step of a run reads but never changes: its config, its dataset layout, the clock.
import type { RunConfig } from '../config/run-config.ts';
import type { DatasetLayout } from '../dataset/index.ts';
import type { ModelState } from '../state/index.ts';
import type { RunRecord, TaskRecord } from './run-record.ts';

export interface RunContext {
  config: RunConfig;
  layout: DatasetLayout;
  now: number;
}

/** A run after a step: its record, its model state, and the tasks of its round in flight. */
export interface RunStep {
  run: RunRecord;
  state: ModelState;
  tasks: TaskRecord[];
}
