import { describe, expect, it } from 'vitest';
import { createRun } from './create-run.ts';
import { leaseStep } from './lease-step.ts';
import { applyChanges } from './run-changes.ts';
import { liveRun, type LiveRun } from './live-run.ts';
import { reported, tinyContext } from './test-run.ts';

const ctx = tinyContext((c) => ({ ...c, fleet: { ...c.fleet, roundSize: 2, backups: 1 } }));

function lease(live: LiveRun, volunteerId: string, now = 1000) {
  const { reply, changes } = leaseStep(live, { volunteerId, backend: 'wasm' }, now);
  return { reply, live: applyChanges(live, changes) };
}

describe('leaseStep', () => {
  it('grows the round for volunteers that come before its first report, up to roundSize, then copies a straggler', () => {
    const a = lease(liveRun(createRun('run', ctx), ctx.config), 'a');
    const b = lease(a.live, 'b');
    expect(a.reply).toMatchObject({ kind: 'task', task: { id: 't1' }, lease: { lease: 1, volunteerId: 'a', leasedAt: 1000 } });
    expect(b.reply).toMatchObject({ kind: 'task', task: { id: 't2' }, lease: { lease: 1, volunteerId: 'b' } });
    expect(lease(b.live, 'c').reply).toEqual({ kind: 'wait', seconds: 1 });
    // t2 came back after 1 s; t1, out since 1000, is a straggler once out more than 1.5 s.
    const t2 = b.live.tasks.get('t2')!;
    const oneIn = { ...b.live, tasks: new Map(b.live.tasks).set('t2', reported(t2, 3, 1)) };
    expect(lease(oneIn, 'c', 2500).reply).toEqual({ kind: 'wait', seconds: 1 });
    const c = lease(oneIn, 'c', 2600);
    expect(c.reply).toMatchObject({ kind: 'task', task: { id: 't1' }, lease: { lease: 2, volunteerId: 'c' } });
    expect(lease(c.live, 'd', 2600).reply).toEqual({ kind: 'wait', seconds: 1 });
  });

  it('gives a volunteer that asks again the lease it holds, and stops growing the round at its first report', () => {
    const first = lease(liveRun(createRun('run', ctx), ctx.config), 'a');
    expect(lease(first.live, 'a').reply).toEqual(first.reply);
    const t1 = first.live.tasks.get('t1')!;
    const afterReport = { ...first.live, tasks: new Map([['t1', reported(t1, 3)]]) };
    expect(lease(afterReport, 'b').reply).toEqual({ kind: 'wait', seconds: 1 });
  });

  it('tells a paused run\'s volunteers to wait and a finished run\'s to stop, and records each asker', () => {
    const live = liveRun(createRun('run', ctx), ctx.config);
    const paused = lease({ ...live, run: { ...live.run, status: 'paused' } }, 'a', 5000);
    expect(paused.reply).toEqual({ kind: 'wait', seconds: 10 });
    expect(paused.live.volunteers.get('a')).toMatchObject({ lastSeen: 5000 });
    expect(lease({ ...live, run: { ...live.run, status: 'done', doneReason: 'cancelled' } }, 'a').reply).toEqual({ kind: 'done', reason: 'cancelled' });
  });
});
