import { describe, expect, it } from 'vitest';
import { presetConfig } from '../config/presets.ts';
import { datasetLayout } from '../dataset/index.ts';
import type { ReportHeader } from '../protocol/index.ts';
import { createRun } from './create-run.ts';
import type { LeaseClaims } from './lease-claims.ts';
import { leaseTask } from './queue.ts';
import { checkReport } from './report-check.ts';
import type { RunRecord, TaskRecord } from './run-record.ts';

interface Case {
  run: RunRecord;
  task: TaskRecord | undefined;
  claims: LeaseClaims;
  header: ReportHeader;
  now: number;
}

const tiny = presetConfig('tiny');
if (!tiny.ok) throw new Error(tiny.error);
const { run, tasks } = createRun('run', { config: tiny.config, layout: datasetLayout(tiny.config.dataset), now: 0 });
const task = leaseTask(tasks[0]!, 'alice', 5000);
const claims: LeaseClaims = { taskId: task.id, lease: 1, version: 0, deadline: 5000 };
const header: ReportHeader = {
  leaseToken: 'checked-elsewhere', taskId: task.id, version: 0, kind: 'train', samples: 64, loss: 1, accuracy: 50, correct: 32, seconds: 1, backend: 'wasm',
};

describe('checkReport', () => {
  it('accepts a report of the lease the task holds, up to its deadline', () => {
    expect(checkReport(run, task, claims, header, 5000)).toEqual({ ok: true, value: task });
  });

  it.each([
    ['a header that disagrees with its token', { header: { ...header, taskId: 't9' } }, 400, 'its lease token'],
    ['a finished run', { run: { ...run, status: 'done' as const, doneReason: 'cancelled' as const } }, 410, 'is over'],
    ['a passed deadline', { now: 5001 }, 410, 'lease expired'],
    ['a stale version', { run: { ...run, version: 1 } }, 409, 'stale version 0'],
    ['a task outside the round', { task: undefined }, 409, 'not in the round'],
    ['a reported task', { task: { ...task, status: 'reported' as const } }, 409, 'already reported'],
    ['an earlier lease', { claims: { ...claims, lease: 0 } }, 409, 'no longer held'],
    ['a kind that is not the task kind', { header: { ...header, kind: 'eval' as const } }, 400, 'is a train task'],
    ['a sample count that is not the shard size', { header: { ...header, samples: 60 } }, 400, 'covers 64 images'],
  ])('refuses %s', (_name, patch: Partial<Case>, status, message) => {
    // Spreading keeps an explicit `task: undefined`.
    const input: Case = { run, task, claims, header, now: 5000, ...patch };
    const result = checkReport(input.run, input.task, input.claims, input.header, input.now);
    expect(result).toEqual({ ok: false, status, error: expect.stringContaining(message) });
  });
});
