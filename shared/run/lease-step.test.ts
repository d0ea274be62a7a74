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
  it('grows the round for volunteers that come before its first report, up to roundSize, then hands out backup copies', () => {
    let live = liveRun(createRun('run', ctx), ctx.config);
    const a = lease(live, 'a');
    const b = lease(a.live, 'b');
    live = b.live;
    expect(a.reply).toMatchObject({ kind: 'task', task: { id: 't1' }, lease: { lease: 1, volunteerId: 'a' } });
    expect(b.reply).toMatchObject({ kind: 'task', task: { id: 't2' }, lease: { lease: 1, volunteerId: 'b' } });
    const c = lease(live, 'c');
    expect(c.reply).toMatchObject({ kind: 'task', task: { id: 't1' }, lease: { lease: 2, volunteerId: 'c' } });
    const d = lease(c.live, 'd');
    expect(d.reply).toMatchObject({ kind: 'task', task: { id: 't2' }, lease: { lease: 2, volunteerId: 'd' } });
    expect(lease(d.live, 'e').reply).toEqual({ kind: 'wait', seconds: 1 });
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
