import { describe, expect, it } from 'vitest';
import { backupCandidate, earliestDeadline, expiredLeases, leaseTask, leasesOut, nextQueued, roundComplete } from './queue.ts';
import type { TaskRecord } from './run-record.ts';
import { reported } from './test-run.ts';

const task = (id: string, patch: Partial<TaskRecord> = {}): TaskRecord => ({
  id, kind: 'train', version: 3, shards: [{ split: 'train', index: 0, count: 64 }], seeds: [1], leases: [], leaseCount: 0, report: null, ...patch,
});
const out = (volunteerId: string, deadline: number, lease = 1) => ({ lease, volunteerId, deadline });

describe('task queue', () => {
  it('hands out the lowest-numbered task that nobody holds (t9 before t10)', () => {
    const tasks = [task('t10'), task('t9'), task('t2', { leases: [out('a', 5)], leaseCount: 1 })];
    expect(nextQueued(tasks)?.id).toBe('t9');
    expect(nextQueued([reported(task('t1'), 3)])).toBeUndefined();
  });

  it('numbers leases, so a token of an earlier lease no longer matches', () => {
    const first = leaseTask(task('t1'), 'alice', 1000);
    expect(first.lease).toEqual({ lease: 1, volunteerId: 'alice', deadline: 1000 });
    const second = leaseTask(first.task, 'bob', 2000);
    expect(second.lease.lease).toBe(2);
    expect(second.task.leases.map((lease) => lease.volunteerId)).toEqual(['alice', 'bob']);
    expect(leasesOut([second.task])).toBe(2);
    expect(() => leaseTask(reported(task('t2'), 1), 'carol', 3000)).toThrow('already reported');
  });

  it('offers an idle volunteer a copy of the straggler out longest, never its own task, and at most `backups` copies', () => {
    const tasks = [
      task('t1', { leases: [out('a', 500)], leaseCount: 1 }),
      task('t2', { leases: [out('b', 100)], leaseCount: 1 }),
      task('t3', { leases: [out('c', 50), out('d', 60, 2)], leaseCount: 2 }),
      reported(task('t4'), 10),
    ];
    expect(backupCandidate(tasks, 'e', 1)?.id).toBe('t2');
    expect(backupCandidate(tasks, 'b', 1)?.id).toBe('t1');
    expect(backupCandidate(tasks, 'e', 2)?.id).toBe('t3');
    expect(backupCandidate(tasks, 'e', 0)).toBeUndefined();
  });

  it('takes back only leases past their deadline', () => {
    const tasks = [task('t1', { leases: [out('a', 100), out('b', 300, 2)], leaseCount: 2 }), task('t2', { leases: [out('c', 300)], leaseCount: 1 }), task('t3')];
    expect(expiredLeases(tasks, 200)).toEqual([task('t1', { leases: [out('b', 300, 2)], leaseCount: 2 })]);
    expect(earliestDeadline(tasks)).toBe(100);
    expect(earliestDeadline([task('t3')])).toBeNull();
  });

  it('completes a round once every task is reported', () => {
    expect(roundComplete([reported(task('t1'), 1), task('t2', { leases: [out('a', 5)] })])).toBe(false);
    expect(roundComplete([reported(task('t1'), 1)])).toBe(true);
  });
});
