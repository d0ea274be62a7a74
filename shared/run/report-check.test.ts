import { describe, expect, it } from 'vitest';
import type { ReportHeader } from '../protocol/index.ts';
import { createRun } from './create-run.ts';
import type { LeaseClaims } from './lease-claims.ts';
import { leaseTask } from './queue.ts';
import { checkReport } from './report-check.ts';
import type { RunRecord, TaskRecord } from './run-record.ts';
import { reported, tinyContext } from './test-run.ts';

interface Case {
  run: RunRecord;
  task: TaskRecord | undefined;
  claims: LeaseClaims;
  header: ReportHeader;
  now: number;
}

const { run, tasks } = createRun('run', tinyContext());
const { task, lease } = leaseTask(tasks[0]!, 'alice', 0, 5000);
const claims: LeaseClaims = { taskId: task.id, lease: 1, version: 0, deadline: 5000 };
const header: ReportHeader = {
  leaseToken: 'checked-elsewhere', taskId: task.id, version: 0, kind: 'train', samples: 64, loss: 1, accuracy: 50, correct: 32, seconds: 1, backend: 'wasm',
};
const receipt = { taskId: task.id, version: 1, roundClosed: true };

describe('checkReport', () => {
  it('accepts a report of a lease the task holds, up to its deadline', () => {
    expect(checkReport(run, task, claims, header, 5000)).toEqual({ ok: true, value: { kind: 'new', task, lease } });
  });

  it('answers a retry of an accepted report with its receipt, in its round and after the round closed', () => {
    const done = reported(task, 32);
    expect(checkReport(run, done, claims, header, 9000)).toEqual({ ok: true, value: { kind: 'retry', receipt: done.report!.receipt } });
    const later = { ...run, version: 1, roundFirstTask: 2, closedReceipts: [{ taskId: task.id, lease: 1, receipt }] };
    expect(checkReport(later, undefined, claims, header, 9000)).toEqual({ ok: true, value: { kind: 'retry', receipt } });
  });

  it.each([
    ['a header that disagrees with its token', { header: { ...header, taskId: 't9' } }, 400, 'its lease token'],
    ['a finished run', { run: { ...run, status: 'done' as const, doneReason: 'cancelled' as const } }, 410, 'is over'],
    ['a passed deadline', { now: 5001 }, 410, 'lease expired'],
    ['a task of a round that closed without it', { run: { ...run, version: 1, roundFirstTask: 2 }, task: undefined }, 409, 'closed without its report'],
    ['a stale version', { run: { ...run, version: 1 } }, 409, 'stale version 0'],
    ['a task outside the round', { task: undefined }, 409, 'not in the round'],
    ['a task another copy reported before its round closed', { run: { ...run, version: 1, roundFirstTask: 2, closedReceipts: [{ taskId: task.id, lease: 2, receipt }] }, task: undefined }, 409, 'the first valid report wins'],
    ['a task another copy reported first', { task: { ...reported(task, 30), report: { ...reported(task, 30).report!, lease: 2 } } }, 409, 'the first valid report wins'],
    ['a lease no longer held', { claims: { ...claims, lease: 2 } }, 409, 'no longer held'],
    ['a kind that is not the task kind', { header: { ...header, kind: 'eval' as const } }, 400, 'is a train task'],
    ['a sample count that is not the shard size', { header: { ...header, samples: 60 } }, 400, 'covers 64 images'],
  ])('refuses %s', (_name, patch: Partial<Case>, status, message) => {
    // Spreading keeps an explicit `task: undefined`.
    const input: Case = { run, task, claims, header, now: 5000, ...patch };
    const result = checkReport(input.run, input.task, input.claims, input.header, input.now);
    expect(result).toEqual({ ok: false, status, error: expect.stringContaining(message) });
  });
});
