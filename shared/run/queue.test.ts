import { describe, expect, it } from 'vitest';
import { earliestDeadline, expiredLeases, leaseTask, nextQueued, returnToQueue, roundComplete } from './queue.ts';
import type { TaskRecord } from './run-record.ts';

const task = (id: string, patch: Partial<TaskRecord> = {}): TaskRecord => ({
  id, kind: 'train', version: 3, shards: [{ split: 'train', index: 0, count: 64 }], seed: 1,
  status: 'queued', lease: 0, volunteerId: null, deadline: null, report: null, ...patch,
});

describe('task queue', () => {
  it('hands out the lowest-numbered queued task (t9 before t10)', () => {
    const tasks = [task('t10'), task('t9'), task('t2', { status: 'leased', lease: 1, deadline: 5, volunteerId: 'a' })];
    expect(nextQueued(tasks)?.id).toBe('t9');
    expect(nextQueued([task('t1', { status: 'reported' })])).toBeUndefined();
  });

  it('counts leases, so a token of an earlier lease no longer matches', () => {
    const first = leaseTask(task('t1'), 'alice', 1000);
    expect(first).toMatchObject({ status: 'leased', lease: 1, volunteerId: 'alice', deadline: 1000 });
    const second = leaseTask(returnToQueue(first), 'bob', 2000);
    expect(second).toMatchObject({ lease: 2, volunteerId: 'bob' });
    expect(() => leaseTask(second, 'carol', 3000)).toThrow('leaseTask: task t1 is leased, not queued');
  });

  it('returns only leases past their deadline to the queue', () => {
    const tasks = [
      task('t1', { status: 'leased', lease: 1, deadline: 100, volunteerId: 'a' }),
      task('t2', { status: 'leased', lease: 1, deadline: 300, volunteerId: 'b' }),
      task('t3'),
    ];
    expect(expiredLeases(tasks, 200)).toEqual([task('t1', { lease: 1 })]);
    expect(earliestDeadline(tasks)).toBe(100);
    expect(earliestDeadline([task('t3')])).toBeNull();
  });

  it('completes a round once every task is reported', () => {
    expect(roundComplete([task('t1', { status: 'reported' }), task('t2', { status: 'leased' })])).toBe(false);
    expect(roundComplete([task('t1', { status: 'reported' })])).toBe(true);
  });
});
