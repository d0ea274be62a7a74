import { describe, expect, it } from 'vitest';
import { createRun } from './create-run.ts';
import { leaseStep, MAX_BUSY_WAIT_SECONDS, openWork } from './lease-step.ts';
import { applyChanges } from './run-changes.ts';
import { liveRun, type LiveRun } from './live-run.ts';
import { keyOf, labelOf, reported, tinyContext } from './test-run.ts';

const ctx = tinyContext((c) => ({ ...c, fleet: { ...c.fleet, roundSize: 2, backups: 1 } }));

function lease(live: LiveRun, volunteerId: string, now = 1000) {
  const stepped = leaseStep(live, { volunteerKey: keyOf(volunteerId), backend: 'wasm' }, now);
  if (!stepped.ok) throw new Error(stepped.error);
  return { reply: stepped.value.reply, live: applyChanges(live, stepped.value.changes) };
}

describe('leaseStep', () => {
  it('grows the round for volunteers that come before its first report, up to roundSize, then copies a straggler', () => {
    const a = lease(liveRun(createRun('run', ctx), ctx.config), 'a');
    const b = lease(a.live, 'b');
    expect(a.reply).toMatchObject({ kind: 'task', task: { id: 't1' }, lease: { lease: 1, volunteerId: labelOf('a'), leasedAt: 1000 } });
    expect(b.reply).toMatchObject({ kind: 'task', task: { id: 't2' }, lease: { lease: 1, volunteerId: labelOf('b') } });
    expect([openWork(a.live), openWork(b.live)]).toEqual([1, 0]);
    // No report yet: no straggler can be told apart, so the wait is the longest.
    expect(lease(b.live, 'c').reply).toEqual({ kind: 'wait', seconds: MAX_BUSY_WAIT_SECONDS });
    // t2 came back after 1 s; t1, out since 1000, is a straggler once out more than 1.5 s.
    const t2 = b.live.tasks.get('t2')!;
    const oneIn = { ...b.live, tasks: new Map(b.live.tasks).set('t2', reported(t2, 3, 1)) };
    expect(lease(oneIn, 'c', 2100).reply).toEqual({ kind: 'wait', seconds: 0.4 });
    expect(lease(oneIn, 'c', 2500).reply).toEqual({ kind: 'wait', seconds: 0.05 });
    const c = lease(oneIn, 'c', 2600);
    expect(c.reply).toMatchObject({ kind: 'task', task: { id: 't1' }, lease: { lease: 2, volunteerId: labelOf('c') } });
    // a's copy is presumed lost at 1 + 3 x 1 = 4 s and c's straggles at 2.6 + 1.5 = 4.1 s: then d may copy t1 too.
    expect(lease(c.live, 'd', 2600).reply).toEqual({ kind: 'wait', seconds: 1.5 });
    expect(lease(c.live, 'd', 4200).reply).toMatchObject({ kind: 'task', task: { id: 't1' }, lease: { lease: 3, volunteerId: labelOf('d') } });
  });

  it('gives a volunteer that asks again the lease it holds, and stops growing the round at its first report', () => {
    const first = lease(liveRun(createRun('run', ctx), ctx.config), 'a');
    expect(lease(first.live, 'a').reply).toEqual(first.reply);
    const t1 = first.live.tasks.get('t1')!;
    const afterReport = { ...first.live, tasks: new Map([['t1', reported(t1, 3)]]) };
    expect(lease(afterReport, 'b').reply).toEqual({ kind: 'wait', seconds: MAX_BUSY_WAIT_SECONDS });
  });

  it('tells a paused run\'s volunteers to wait and a finished run\'s to stop, and records each asker', () => {
    const live = liveRun(createRun('run', ctx), ctx.config);
    const paused = lease({ ...live, run: { ...live.run, status: 'paused' } }, 'a', 5000);
    expect(paused.reply).toEqual({ kind: 'wait', seconds: 10 });
    expect(paused.live.volunteers.get(labelOf('a'))).toMatchObject({ lastSeen: 5000 });
    expect(lease({ ...live, run: { ...live.run, status: 'done', doneReason: 'cancelled' } }, 'a').reply).toEqual({ kind: 'done', reason: 'cancelled' });
    expect(openWork({ ...live, run: { ...live.run, status: 'paused' } })).toBe(Number.POSITIVE_INFINITY);
  });
});
