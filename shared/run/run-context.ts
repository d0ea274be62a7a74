// What every step of a run reads but never changes: its config, its dataset layout, the clock and
// how many volunteers are at work (a new round gets one task for each).
import type { RunConfig } from '../config/run-config.ts';
import type { DatasetLayout } from '../dataset/index.ts';
import type { ModelState } from '../state/index.ts';
import type { RunRecord, TaskRecord } from './run-record.ts';

export interface RunContext {
  config: RunConfig;
  layout: DatasetLayout;
  now: number;
  /** Volunteers holding a lease or seen lately (live-run.ts); 0 when none has come yet. */
  volunteersAtWork: number;
}

/** A run after a step: its record, its model state, and the tasks of its round in flight. */
export interface RunStep {
  run: RunRecord;
  state: ModelState;
  /** The outer optimizer's momentum over the state's layout (state-layout.ts); null without momentum. */
  outer: Float32Array | null;
  tasks: TaskRecord[];
}
