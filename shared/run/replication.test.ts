import { describe, expect, it } from 'vitest';
import { encodeChunkedDelta } from '../delta/index.ts';
import { decodeReport, encodeReport, type ReportHeader } from '../protocol/index.ts';
import { memoryRun } from './memory-port.ts';
import type { RunDriver } from './run-driver.ts';
import type { LeaseRecord, TaskRecord } from './run-record.ts';
import { stateLayout } from './state-layout.ts';
import { keyOf, labelOf, tinyContext } from './test-run.ts';

interface Held {
  key: string;
  task: TaskRecord;
  lease: LeaseRecord;
}

function lease(driver: RunDriver, name: string, now: number): Held {
  const leased = driver.lease({ volunteerKey: keyOf(name), backend: 'wasm' }, now);
  if (!leased.ok || leased.value.kind !== 'task') throw new Error(`${name}: ${JSON.stringify(leased)}`);
  return { key: keyOf(name), task: leased.value.task, lease: leased.value.lease };
}

function report(driver: RunDriver, held: Held, now: number, patch: Partial<ReportHeader> & { delta?: number } = {}) {
  const { delta, ...fields } = patch;
  const samples = held.task.shards.reduce((sum, shard) => sum + shard.count, 0);
  const header: ReportHeader = {
    leaseToken: 'checked-by-the-caller', volunteerKey: held.key, taskId: held.task.id, version: held.task.version, kind: held.task.kind,
    samples, loss: 1, accuracy: 50, correct: Math.floor(samples / 2), seconds: 1, backend: 'wasm', ...(held.task.kind === 'eval' ? {} : { encoding: 'f32' as const }), ...fields,
  };
  const payload = held.task.kind === 'eval' ? undefined : encodeChunkedDelta(new Float32Array(stateLayout(driver.live.state).length).fill(delta ?? 1e-3), 'f32');
  const decoded = decodeReport(encodeReport(header, payload));
  if (!decoded.ok) throw new Error(decoded.error);
  return driver.report({ claims: { taskId: held.task.id, lease: held.lease.lease, version: held.task.version, deadline: held.lease.deadline }, ...decoded.value }, now);
}

/** A run at its val round with `volunteers` at work, eval tasks needing two agreeing reports. */
function atValidation(patch = {}) {
  const ctx = tinyContext((c) => ({ ...c, fleet: { ...c.fleet, roundSize: 3, ...patch } }));
  const driver = memoryRun('run', ctx.config, 0);
  let now = 1;
  while (driver.live.run.work.kind === 'train') {
    const held = ['a', 'b', 'c'].flatMap((name) => {
      const leased = driver.lease({ volunteerKey: keyOf(name), backend: 'wasm' }, now++);
      return leased.ok && leased.value.kind === 'task' ? [{ key: keyOf(name), task: leased.value.task, lease: leased.value.lease }] : [];
    });
    for (const h of held) report(driver, h, now++);
  }
  return { driver, now };
}

describe('replication', () => {
  it('takes a val result once two volunteers agree, and credits both', () => {
    const { driver, now } = atValidation();
    expect(driver.live.run.work).toEqual({ kind: 'eval', split: 'val' });
    const [task] = [...driver.live.tasks.values()];
    expect(task!.replicas).toBe(2);
    const first = lease(driver, 'a', now);
    const second = lease(driver, 'b', now);
    expect(second.task.id).toBe(first.task.id);
    expect(report(driver, first, now + 1, { correct: 48 })).toMatchObject({ ok: true, value: { roundClosed: false } });
    expect(driver.live.run.history).toHaveLength(0);
    expect(report(driver, second, now + 2, { correct: 48 })).toMatchObject({ ok: true, value: { roundClosed: true } });
    expect(driver.live.run.history.map((record) => record.valAcc)).toEqual([75]);
    expect(driver.live.volunteers.get(labelOf('a'))).toMatchObject({ agreements: 1, strikes: 0 });
  });

  it('asks a third volunteer when two disagree, takes the majority, and strikes the one that lied', () => {
    const { driver, now } = atValidation();
    const honest = lease(driver, 'a', now);
    const liar = lease(driver, 'b', now);
    report(driver, liar, now + 1, { correct: 64, accuracy: 100 });
    report(driver, honest, now + 2, { correct: 40 });
    expect(driver.live.run.history).toHaveLength(0);
    expect([...driver.live.tasks.values()][0]!.replicas).toBe(3);
    report(driver, lease(driver, 'c', now + 3), now + 4, { correct: 40 });
    expect(driver.live.run.history.map((record) => record.valAcc)).toEqual([62.5]);
    expect(driver.live.volunteers.get(labelOf('b'))).toMatchObject({ strikes: 1 });
    expect(driver.live.volunteers.get(labelOf('a'))).toMatchObject({ strikes: 0, agreements: 1 });
  });

  it('takes a lone val result after a lease timeout with nobody there to check it', () => {
    const { driver, now } = atValidation();
    report(driver, lease(driver, 'a', now), now + 1, { correct: 40 });
    driver.expire(now + 2 + driver.live.config.fleet.leaseSeconds * 1000);
    expect(driver.live.run.history.map((record) => record.valAcc)).toEqual([62.5]);
  });

  it('compares the deltas of replicated train tasks: a different one is a strike, three strikes keep a volunteer out', () => {
    const ctx = tinyContext((c) => ({ ...c, fleet: { ...c.fleet, roundSize: 1, trainReplication: 1, evalReplicas: 1 } }));
    const driver = memoryRun('run', ctx.config, 0);
    let now = 1;
    // The run's first task came before anyone; the volunteers are at work when it closes, so the next ask for two copies.
    const first = lease(driver, 'z', now++);
    for (const name of ['a', 'm', 'b']) driver.lease({ volunteerKey: keyOf(name), backend: 'wasm' }, now++);
    report(driver, first, now++);
    const strikes = () => driver.live.volunteers.get(labelOf('m'))?.strikes ?? 0;
    while (strikes() < 3) {
      const a = lease(driver, 'a', now++);
      if (a.task.kind === 'eval') {
        report(driver, a, now++);
        continue;
      }
      const m = lease(driver, 'm', now++);
      expect(m.task.id).toBe(a.task.id);
      expect(a.task.quorum).toBe(2);
      const before = strikes();
      report(driver, a, now++, { delta: 1e-3 });
      report(driver, m, now++, { delta: -1e-2 });
      report(driver, lease(driver, 'b', now++), now++, { delta: 1e-3 });
      expect(strikes()).toBe(before + 1);
      expect(driver.live.volunteers.get(labelOf('b'))!.strikes).toBe(0);
    }
    expect(driver.lease({ volunteerKey: keyOf('m'), backend: 'wasm' }, now)).toEqual({ ok: false, status: 403, error: expect.stringContaining('3 of its results disagreed') });
  });
});
