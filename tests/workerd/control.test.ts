import { describe, expect, it } from 'vitest';
import { ADMIN, api, createRun, lease, leaseTask, progress, report } from './fleet.ts';

const control = (runId: string, action: string) => api(`/api/runs/${runId}/${action}`, { method: 'POST', headers: ADMIN });

describe('pause, resume, cancel', () => {
  it('pause hands out waits but still takes reports of leases already out; resume hands out work again', async () => {
    const run = await createRun();
    const task = await leaseTask(run.id, 'alice');
    const paused = await control(run.id, 'pause');
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ status: 'paused' });
    expect((await report(run.id, task)).status).toBe(200);
    expect(await lease(run.id, 'bob')).toEqual({ kind: 'wait', seconds: 10 });

    const resumed = await control(run.id, 'resume');
    expect(await resumed.json()).toMatchObject({ status: 'running', version: 1 });
    expect(await lease(run.id, 'bob')).toMatchObject({ kind: 'train', version: 1, round: 1 });
  });

  it('cancel ends the run: leases answer done, reports are refused, and it cannot resume', async () => {
    const run = await createRun();
    const task = await leaseTask(run.id, 'alice');
    const cancelled = await control(run.id, 'cancel');
    expect(await cancelled.json()).toMatchObject({ status: 'done', doneReason: 'cancelled', phase: 'growing', work: { kind: 'none' }, tasksInFlight: 0 });
    expect(await lease(run.id, 'bob')).toEqual({ kind: 'done', reason: 'cancelled' });
    const late = await report(run.id, task);
    expect(late.status).toBe(410);
    expect(await late.json()).toEqual({ error: expect.stringContaining('is over (cancelled)') });
    const resume = await control(run.id, 'resume');
    expect(resume.status).toBe(409);
    expect((await progress(run.id)).status).toBe('done');
    // The final state stays downloadable.
    expect((await api(`/api/runs/${run.id}/state/0`)).status).toBe(200);
  });
});
