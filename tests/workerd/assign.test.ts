// The assigning object (RunAssigner) and POST /api/assign: a saturated run gets nobody, a finished
// run's volunteers move, demands and assignments survive a restart of the object, runs tell it
// their demand as they change, and every refused request changes nothing.
import { env } from 'cloudflare:workers';
import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import type { DemandView } from '../../shared/assign/index.ts';
import type { AssignAnswer } from '../../shared/protocol/index.ts';
import { ADMIN, api, keyOf, leaseTask, postJson, report, tinyConfig, createRun } from './fleet.ts';

const demand = (id: string, patch: Partial<DemandView> = {}): DemandView => ({ id, group: null, priority: 1, usefulWidth: 1, noiseScale: Infinity, ...patch });

/** An assigning object of its own for each test: the coordinator's singleton hears every run of the file. */
const assigner = (name: string) => env.ASSIGNER.getByName(`test-${name}`);

async function ask(body: unknown): Promise<AssignAnswer> {
  const response = await postJson('/api/assign', body);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

describe('the assigning object', () => {
  it('gives a saturated run nobody, and a run with room the next volunteer', async () => {
    const stub = assigner('saturated');
    await stub.updateDemand('a', demand('a', { usefulWidth: 2 }));
    expect(await stub.assign('v1', null, 1000)).toEqual({ runId: 'a', reason: 'first' });
    expect(await stub.assign('v2', null, 1000)).toEqual({ runId: 'a', reason: 'first' });
    expect(await stub.assign('v3', null, 1000)).toBeNull();
    await stub.updateDemand('b', demand('b'));
    expect(await stub.assign('v3', null, 1001)).toEqual({ runId: 'b', reason: 'first' });
    expect(await stub.assign('v4', null, 1001)).toBeNull();
  });

  it('moves the volunteers of a finished run to one with room', async () => {
    const stub = assigner('finished');
    await stub.updateDemand('a', demand('a'));
    expect(await stub.assign('v1', null, 1000)).toMatchObject({ runId: 'a' });
    await stub.updateDemand('a', null);
    await stub.updateDemand('b', demand('b'));
    expect(await stub.assign('v1', 'a', 1001)).toEqual({ runId: 'b', reason: 'moved: run finished' });
  });

  it('keeps demands (an unmeasured noise scale too) and assignments across a restart', async () => {
    const stub = assigner('restart');
    // Same group: the run where one more volunteer adds the most goodput is chosen, which an
    // unmeasured (infinite) noise scale decides: x with 2 volunteers still adds 1, y adds 0.5.
    await stub.updateDemand('x', demand('x', { group: 'g', usefulWidth: 3 }));
    await stub.updateDemand('y', demand('y', { group: 'g', usefulWidth: 3, noiseScale: 1 }));
    await stub.updateDemand('full', demand('full'));
    await stub.assign('v1', 'x', 1000);
    await stub.assign('v2', 'x', 1000);
    await stub.assign('v3', 'full', 1000);

    await evictDurableObject(stub);

    expect(await stub.assign('v4', null, 2000)).toEqual({ runId: 'x', reason: 'first' });
    expect(await stub.assign('v5', 'full', 2000)).toEqual({ runId: 'y', reason: 'moved: run saturated' });
    expect(await stub.assign('v3', 'full', 2000)).toEqual({ runId: 'full', reason: 'kept' });
  });
});

describe('POST /api/assign', () => {
  it('sends a volunteer to a run its object announced, no second one to it while full, and moves it when the run ends', async () => {
    // The top priority, so no other run of this file's coordinator comes first.
    const run = await createRun({ config: { ...tinyConfig(), priority: 1000, group: 'assign-test' } });
    await vi.waitFor(async () => expect(await ask({ volunteerKey: keyOf('ada') })).toEqual({ runId: run.id, reason: 'first' }));
    // Round size 1: the run has room for one volunteer, whom it keeps.
    expect((await ask({ volunteerKey: keyOf('bea') })).runId).not.toBe(run.id);
    const task = await leaseTask(run.id, 'ada');
    expect((await report(run.id, task)).status).toBe(200);
    expect(await ask({ volunteerKey: keyOf('ada'), current: run.id })).toEqual({ runId: run.id, reason: 'kept' });

    expect((await api(`/api/runs/${run.id}/cancel`, { method: 'POST', headers: ADMIN })).status).toBe(200);
    await vi.waitFor(async () => {
      const moved = await ask({ volunteerKey: keyOf('ada'), current: run.id });
      expect(moved.runId).not.toBe(run.id);
      if (moved.runId !== null) expect(moved.reason).toBe('moved: run finished');
    });
  });

  it('refuses a body that is not JSON, an unknown key, a short key and a bad run id (400), and changes nothing', async () => {
    const run = await createRun({ config: { ...tinyConfig(), priority: 999, group: 'assign-refusals' } });
    const refusals: [BodyInit, string][] = [
      ['{"volunteerKey": ', 'body must be JSON'],
      [JSON.stringify({ volunteerKey: keyOf('cyd'), runId: run.id }), 'Unrecognized key: "runId"'],
      [JSON.stringify({ volunteerKey: 'short' }), 'volunteerKey'],
      [JSON.stringify({ volunteerKey: keyOf('cyd'), current: 'not-a-run' }), 'current: a run id is 32 hex digits'],
    ];
    for (const [body, message] of refusals) {
      const response = await api('/api/assign', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.stringContaining(message) });
    }
    // Nobody was counted for the run by the refused asks: it still has room for the next volunteer.
    await vi.waitFor(async () => expect(await ask({ volunteerKey: keyOf('dee') })).toEqual({ runId: run.id, reason: 'first' }));
  });
});
