import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRun, lease, leaseTask, postJson, progress, report, tinyConfig, keyOfLease } from './fleet.ts';

const tinyRun = (patch: Parameters<typeof tinyConfig>[0]) => ({ config: tinyConfig(patch) });

afterEach(() => {
  vi.useRealTimers();
});

describe('lease deadlines', () => {
  it('sets the alarm at the deadline; the alarm returns the expired task, and the late report is refused', async () => {
    const run = await createRun();
    const stale = await leaseTask(run.id, 'alice');
    expect(stale.deadline - Date.now()).toBeGreaterThan(299_000);
    const stub = env.RUNS.getByName(run.id);
    expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBe(stale.deadline + 1);

    // The coordinator runs in this isolate, so moving the clock moves its clock too.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(stale.deadline + 1_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const expired = await progress(run.id);
    expect(expired).toMatchObject({ tasksInFlight: 0, version: 0, work: { tasksDone: 0 } });

    const fresh = await leaseTask(run.id, 'bob');
    expect(fresh).toMatchObject({ taskId: stale.taskId, version: 0 });
    expect(fresh.leaseToken).not.toBe(stale.leaseToken);

    const late = await report(run.id, stale);
    expect(late.status).toBe(410);
    expect(await late.json()).toEqual({ error: expect.stringContaining('lease expired') });
    expect((await report(run.id, fresh)).status).toBe(200);
    expect(await runDurableObjectAlarm(stub)).toBe(false);
  });

  it('takes a lease back early on release, and refuses a second release', async () => {
    const run = await createRun();
    const task = await leaseTask(run.id, 'alice');
    const release = await postJson(`/api/runs/${run.id}/release`, { leaseToken: task.leaseToken, volunteerKey: keyOfLease(task) });
    expect(release.status).toBe(200);
    expect(await release.json()).toEqual({ released: true, taskId: task.taskId });
    expect((await progress(run.id)).tasksInFlight).toBe(0);
    expect((await postJson(`/api/runs/${run.id}/release`, { leaseToken: task.leaseToken, volunteerKey: keyOfLease(task) })).status).toBe(409);
    const again = await lease(run.id, 'bob');
    expect(again).toMatchObject({ taskId: task.taskId });
    const refused = await report(run.id, task);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: expect.stringContaining('no longer held') });
  });
});

describe('a volunteer asking again', () => {
  it('gets the task it already holds, with the same token, so a lost answer costs no lease timeout', async () => {
    const run = await createRun(tinyRun({ fleet: { roundSize: 2 } }));
    const first = await leaseTask(run.id, 'alice');
    const again = await leaseTask(run.id, 'alice');
    expect(again).toEqual(first);
    const other = await leaseTask(run.id, 'bob');
    expect(other.taskId).not.toBe(first.taskId);
    expect((await progress(run.id)).tasksInFlight).toBe(2);
    expect((await report(run.id, again)).status).toBe(200);
  });
});
