import { describe, expect, it } from 'vitest';
import { backupCandidate, earliestDeadline, expiredLeases, leaseTask, leasesOut, nextBackupAt, nextQueued, roundComplete } from './queue.ts';
import type { TaskRecord } from './run-record.ts';
import { reported } from './test-run.ts';

const task = (id: string, patch: Partial<TaskRecord> = {}): TaskRecord => ({
  id, kind: 'train', version: 3, shards: [{ split: 'train', index: 0, count: 64 }], seeds: [1], leases: [], leaseCount: 0, divergedBy: [], quorum: 1, replicas: 1, candidates: [], report: null, ...patch,
});
const out = (volunteerId: string, deadline: number, lease = 1, leasedAt = 0) => ({ lease, volunteerId, leasedAt, deadline });

describe('task queue', () => {
  it('hands out the lowest-numbered task that nobody holds (t9 before t10)', () => {
    const tasks = [task('t10'), task('t9'), task('t2', { leases: [out('a', 5)], leaseCount: 1 })];
    expect(nextQueued(tasks, 'z')?.id).toBe('t9');
    expect(nextQueued([reported(task('t1'), 3)], 'z')).toBeUndefined();
  });

  it('numbers leases, so a token of an earlier lease no longer matches', () => {
    const first = leaseTask(task('t1'), 'alice', 10, 1000);
    expect(first.lease).toEqual({ lease: 1, volunteerId: 'alice', leasedAt: 10, deadline: 1000 });
    const second = leaseTask(first.task, 'bob', 20, 2000);
    expect(second.lease.lease).toBe(2);
    expect(second.task.leases.map((lease) => lease.volunteerId)).toEqual(['alice', 'bob']);
    expect(leasesOut([second.task])).toBe(2);
    expect(() => leaseTask(reported(task('t2'), 1), 'carol', 30, 3000)).toThrow('already reported');
  });

  it('offers an idle volunteer a copy of a straggler, fewest copies out first, never its own task, and at most `backups` copies not presumed lost', () => {
    // t4 took 2 s; at 10 s a task leased before 7 s is out more than 1.5 x that.
    const tasks = [
      task('t1', { leases: [out('a', 500, 1, 5000)], leaseCount: 1 }),
      task('t2', { leases: [out('b', 100, 1, 1000)], leaseCount: 1 }),
      task('t3', { leases: [out('c', 50, 1, 500), out('d', 60, 2, 600)], leaseCount: 2 }),
      task('t5', { leases: [out('f', 900, 1, 8000)], leaseCount: 1 }),
      reported(task('t4'), 10, 2),
    ];
    expect(backupCandidate(tasks, 'e', 1, 10_000)?.id).toBe('t2');
    expect(backupCandidate(tasks, 'b', 1, 10_000)?.id).toBe('t1');
    expect(backupCandidate(tasks, 'e', 2, 10_000)?.id).toBe('t2');
    expect(backupCandidate(tasks, 'e', 0, 10_000)).toBeUndefined();
    expect(backupCandidate(tasks.slice(0, 4), 'e', 1, 10_000)).toBeUndefined();
    expect(backupCandidate([task('t5', { leases: [out('f', 900, 1, 8000)], leaseCount: 1 }), reported(task('t4'), 10, 2)], 'e', 1, 10_000)).toBeUndefined();
  });

  it('presumes a copy out more than 3 x the median lost: its task may get another copy before the lease expires, as often as its copies are lost', () => {
    // t3's first copy (leased at 0.5 s) is presumed lost after 0.5 + 3 x 2 = 6.5 s; its backup (0.6 s) straggles since 3.6 s.
    const t3 = task('t3', { leases: [out('c', 50_000, 1, 500), out('d', 60_000, 2, 600)], leaseCount: 2 });
    const t4 = reported(task('t4'), 10, 2);
    expect(backupCandidate([t3, t4], 'e', 1, 6_500)).toBeUndefined();
    expect(nextBackupAt([t3, t4], 1)).toBe(6_500);
    expect(backupCandidate([t3, t4], 'e', 1, 6_501)?.id).toBe('t3');
    // A third copy at 7 s: the next is due once it straggles (10 s) and the second is presumed lost (6.6 s).
    const third = task('t3', { leases: [...t3.leases, out('e', 70_000, 3, 7_000)], leaseCount: 3 });
    expect(nextBackupAt([third, t4], 1)).toBe(10_000);
    expect(backupCandidate([third, t4], 'f', 1, 10_001)?.id).toBe('t3');
    expect(backupCandidate([third, t4], 'f', 0, 60_000)).toBeUndefined();
  });

  it('measures the median on replicas waiting for their quorum too: an eval round with no task taken yet still copies a straggling replica', () => {
    const waiting = reported(task('t7', { kind: 'eval', replicas: 2, leases: [out('b', 300_000, 2, 0)], leaseCount: 2 }), 5, 2, 'a');
    const replica = { ...waiting, report: null, candidates: [waiting.report!], leases: [out('b', 300_000, 2, 0)] };
    expect(backupCandidate([replica], 'c', 1, 3_001)?.id).toBe('t7');
    expect(nextBackupAt([replica], 1)).toBe(3_000);
    expect(backupCandidate([replica], replica.candidates[0]!.volunteerId, 1, 3_001)).toBeUndefined();
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
