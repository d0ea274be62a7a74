// Test support for the run's steps: the tiny preset's context, reports and deltas made up.
import { presetConfig } from '../config/presets.ts';
import { parseRunConfig, type RunConfig } from '../config/run-config.ts';
import { datasetLayout } from '../dataset/index.ts';
import type { ModelState } from '../state/index.ts';
import { volunteerLabel } from '../protocol/index.ts';
import { stateLayout } from './state-layout.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { taskImages, type TaskRecord } from './run-record.ts';

export function tinyContext(patch: (config: RunConfig) => RunConfig = (c) => c, now = 10_000, volunteersAtWork = 1): RunContext {
  const tiny = presetConfig('tiny');
  if (!tiny.ok) throw new Error(tiny.error);
  const parsed = parseRunConfig(patch(tiny.value));
  if (!parsed.ok) throw new Error(parsed.error);
  return { config: parsed.value, layout: datasetLayout(parsed.value.dataset), now, volunteersAtWork };
}

/** A test volunteer's secret, from its name, and the label the run knows it by. */
export const keyOf = (name: string): string => `${name}-test-volunteer-key`.padEnd(32, '0');
export const labelOf = (name: string): string => volunteerLabel(keyOf(name));

/** The task reported by `volunteer` under lease 1, `elapsed` s after its lease, with `correct` of its images right and loss 0.5. */
export function reported(task: TaskRecord, correct: number, elapsed = 1, volunteer = 'v'): TaskRecord {
  const receipt = { taskId: task.id, version: task.version, roundClosed: false };
  const report = { lease: 1, volunteerId: labelOf(volunteer), backend: 'wasm', samples: taskImages(task), loss: 0.5, correct, seconds: 1, elapsed, reportedAt: 0, encoding: task.kind === 'eval' ? null : 'f32' as const, receipt };
  return { ...task, leases: [], leaseCount: Math.max(1, task.leaseCount), report };
}

export const reportAll = (step: RunStep, correct: number): RunStep => ({ ...step, tasks: step.tasks.map((task) => reported(task, correct)) });

/** A combined delta of `value` everywhere over the state's layout. */
export const constantDelta = (state: ModelState, value: number): Float32Array => new Float32Array(stateLayout(state).length).fill(value);
