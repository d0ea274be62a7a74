// Every way a report can be refused: each answers a 4xx JSON error and changes nothing (same
// progress, same version, same state hash).
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeReport, type LeasedTask, type ReportHeader } from '../../shared/protocol/index.ts';
import type { NamedTensor } from '../../shared/state/index.ts';
import { importLeaseKey, signLeaseToken } from '../../worker/run/lease-token.ts';
import { api, createRun, deltaPayload, fetchState, finishEpoch, finishRound, leaseTask, postReport, progress, randomDelta, report, reportHeader, tinyConfig } from './fleet.ts';

afterEach(() => {
  vi.useRealTimers();
});

async function snapshot(runId: string) {
  const run = await progress(runId);
  const manifest = await (await api(`/api/runs/${runId}/state/${run.version}`)).json<{ hash: string }>();
  return { run, hash: manifest.hash };
}

/** A run with one train task leased, the state it starts from, and a valid delta for it. */
async function leasedRun(config = tinyConfig()) {
  const run = await createRun({ config });
  const task = await leaseTask(run.id, 'alice');
  const state = await fetchState(run.id, task.version);
  return { runId: run.id, task, state, delta: randomDelta(state, 11), before: await snapshot(run.id) };
}

async function expectRefused(runId: string, response: Response, status: number, message: string, before: Awaited<ReturnType<typeof snapshot>>) {
  expect(response.status).toBe(status);
  expect(await response.json()).toEqual({ error: expect.stringContaining(message) });
  expect(await snapshot(runId)).toEqual(before);
}

const withDelta = (task: LeasedTask, delta: NamedTensor[], patch: Partial<ReportHeader> = {}) => encodeReport(reportHeader(task, patch), deltaPayload(delta));

/** A token with a valid signature (the test knows the secret) for claims the run may not honour. */
async function signedToken(runId: string, task: LeasedTask, patch: { lease?: number; version?: number; taskId?: string }) {
  const key = await importLeaseKey(env.LEASE_SECRET!);
  const lease = Number(task.leaseToken.split('.')[2]);
  return signLeaseToken(key, runId, { taskId: task.taskId, lease, version: task.version, deadline: task.deadline, ...patch });
}

describe('refused reports', () => {
  it('refuses a header without a lease token (400)', async () => {
    const { runId, task, delta, before } = await leasedRun();
    const { leaseToken: _, ...header } = reportHeader(task);
    await expectRefused(runId, await postReport(runId, encodeReport(header as ReportHeader, deltaPayload(delta))), 400, 'leaseToken', before);
  });

  it('refuses a malformed lease token (401)', async () => {
    const { runId, task, delta, before } = await leasedRun();
    await expectRefused(runId, await postReport(runId, withDelta(task, delta, { leaseToken: 'not-a-token' })), 401, 'malformed', before);
  });

  it('refuses a forged lease token (401)', async () => {
    const { runId, task, delta, before } = await leasedRun();
    const forged = await signLeaseToken(await importLeaseKey('guessed-secret'), runId, { taskId: task.taskId, lease: 1, version: 0, deadline: task.deadline });
    await expectRefused(runId, await postReport(runId, withDelta(task, delta, { leaseToken: forged })), 401, 'signature', before);
  });

  it('refuses a token of another run (401)', async () => {
    const { runId, task, delta, before } = await leasedRun();
    const other = await createRun();
    const otherTask = await leaseTask(other.id, 'alice');
    const header = { leaseToken: otherTask.leaseToken, taskId: otherTask.taskId };
    await expectRefused(runId, await postReport(runId, withDelta(task, delta, header)), 401, 'signature', before);
  });

  it('refuses a report after the lease deadline (410)', async () => {
    const { runId, task, delta } = await leasedRun();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(task.deadline + 1);
    // Taken at the new time: the volunteer list shows only who was seen within the lease timeout.
    const before = await snapshot(runId);
    await expectRefused(runId, await postReport(runId, withDelta(task, delta)), 410, 'lease expired', before);
  });

  it('refuses a report under a lease the task does not hold (409)', async () => {
    const { runId, task, delta, before } = await leasedRun(tinyConfig({ fleet: { roundSize: 2 } }));
    const leaseToken = await signedToken(runId, task, { lease: 2 });
    await expectRefused(runId, await postReport(runId, withDelta(task, delta, { leaseToken })), 409, 'no longer held', before);
  });

  it('refuses the report of a backup copy once the first copy\'s report won (409), and answers a retry of the winner with its receipt', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { runId, task, delta } = await leasedRun(tinyConfig({ fleet: { roundSize: 2, backups: 1 } }));
    const other = await leaseTask(runId, 'bob');
    vi.setSystemTime(Date.now() + 1000);
    expect((await report(runId, other)).status).toBe(200);
    // Bob's task took 1 s; alice's, out 4 s, is a straggler: carol gets a copy.
    vi.setSystemTime(Date.now() + 3000);
    const copy = await leaseTask(runId, 'carol');
    expect(copy.taskId).toBe(task.taskId);
    const first = await postReport(runId, withDelta(task, delta));
    expect(first.status).toBe(200);
    const receipt = await first.json();
    const before = await snapshot(runId);
    await expectRefused(runId, await postReport(runId, withDelta(copy, delta)), 409, 'the first valid report wins', before);
    const retried = await postReport(runId, withDelta(task, delta));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual(receipt);
    expect(await snapshot(runId)).toEqual(before);
  });

  it('refuses a report for a stale version (409)', async () => {
    const run = await createRun();
    await finishRound(run.id);
    const task = await leaseTask(run.id, 'alice');
    expect(task.version).toBe(1);
    const state = await fetchState(run.id, 1);
    const before = await snapshot(run.id);
    const leaseToken = await signedToken(run.id, task, { version: 0 });
    const response = await postReport(run.id, withDelta(task, randomDelta(state, 3), { leaseToken, version: 0 }));
    await expectRefused(run.id, response, 409, 'stale version 0', before);
  });

  it('refuses a delta that misses a tensor, an encoding the run does not take, or none (400)', async () => {
    const { runId, task, delta, before } = await leasedRun();
    const short = delta.slice(1).reduce((sum, t) => sum + t.data.length, 0);
    const full = delta.reduce((sum, t) => sum + t.data.length, 0);
    await expectRefused(runId, await postReport(runId, withDelta(task, delta.slice(1))), 400, `f32 delta of ${full} coordinates takes ${4 * full} bytes, got ${4 * short}`, before);
    await expectRefused(runId, await postReport(runId, withDelta(task, delta, { encoding: 'int2' })), 400, 'this run takes deltas as int8 or f16 or f32, the report says int2', before);
    const { encoding: _, ...unnamed } = reportHeader(task);
    await expectRefused(runId, await postReport(runId, encodeReport(unnamed, deltaPayload(delta))), 400, 'the report says nothing', before);
  });

  it('refuses NaN and infinite values (400)', async () => {
    const { runId, task, delta, before } = await leasedRun();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const poisoned = delta.map((t, i) => (i === 3 ? { ...t, data: t.data.map((v, j) => (j === 0 ? bad : v)) } : t));
      await expectRefused(runId, await postReport(runId, withDelta(task, poisoned)), 400, 'must be finite', before);
    }
  });

  it('refuses a delta over fleet.maxDeltaNorm (422), unless the rule is norm-clip', async () => {
    const { runId, task, state, before } = await leasedRun(tinyConfig({ fleet: { maxDeltaNorm: 1 } }));
    const big = randomDelta(state, 5, 1);
    await expectRefused(runId, await postReport(runId, withDelta(task, big)), 422, 'exceeds fleet.maxDeltaNorm 1', before);

    const clipped = await leasedRun(tinyConfig({ fleet: { maxDeltaNorm: 1, aggregation: 'norm-clip' } }));
    expect((await postReport(clipped.runId, withDelta(clipped.task, big))).status).toBe(200);
  });

  it('refuses a body larger than the state allows (413)', async () => {
    const { runId, task, before } = await leasedRun();
    const { totalBytes } = await (await api(`/api/runs/${runId}/state/0`)).json<{ totalBytes: number }>();
    const body = new Uint8Array(totalBytes + 400 * 1024);
    body.set(encodeReport(reportHeader(task)));
    await expectRefused(runId, await postReport(runId, body), 413, 'body exceeds', before);
  });

  it('refuses invalid header fields and headers that do not fit the task (400)', async () => {
    const { runId, task, delta, before } = await leasedRun();
    await expectRefused(runId, await postReport(runId, withDelta(task, delta, { correct: 65 })), 400, 'correct cannot exceed samples', before);
    await expectRefused(runId, await postReport(runId, withDelta(task, delta, { seconds: -1 })), 400, 'seconds', before);
    await expectRefused(runId, await postReport(runId, withDelta(task, delta, { samples: 63, correct: 1 })), 400, 'covers 64 images', before);
    await expectRefused(runId, await postReport(runId, withDelta(task, delta, { kind: 'eval' })), 400, 'is a train task', before);
    await expectRefused(runId, await postReport(runId, withDelta(task, delta, { taskId: 't9' })), 400, 'its lease token', before);
    await expectRefused(runId, await postReport(runId, new Uint8Array([1, 2, 3])), 400, 'magic', before);
  });

  it('refuses an eval report that carries a delta (400)', async () => {
    const run = await createRun({ config: tinyConfig({ fleet: { roundSize: 3 } }) });
    await finishEpoch(run.id);
    const evalTask = await leaseTask(run.id, 'alice');
    const before = await snapshot(run.id);
    const state = await fetchState(run.id, evalTask.version);
    await expectRefused(run.id, await postReport(run.id, withDelta(evalTask, randomDelta(state, 1))), 400, 'carries no delta', before);
    expect((await report(run.id, evalTask, { correct: 10 })).status).toBe(200);
  });
});
