// Unknown run ids are refused before any run object is touched, and an object asked about an id
// that was never created makes no tables.
import { env } from 'cloudflare:workers';
import { listDurableObjectIds, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, createRun, postJson } from './fleet.ts';

const unknownId = (i: number) => `${i.toString(16).padStart(8, '0')}${'c0ffee'.repeat(4)}`;

/** Every route that names a run, for one id. */
function runRequests(id: string): Promise<Response>[] {
  return [
    api(`/api/runs/${id}`),
    api(`/api/runs/${id}/config`),
    api(`/api/runs/${id}/events`),
    api(`/api/runs/${id}/state/0`),
    api(`/api/runs/${id}/model`),
    api(`/api/runs/${id}/model/0/model.json`),
    postJson(`/api/runs/${id}/lease`, { volunteerId: 'mallory', backend: 'wasm' }),
    postJson(`/api/runs/${id}/release`, { leaseToken: 'v1.t1.1.0.1.' + 'A'.repeat(43) }),
    api(`/api/runs/${id}/report`, { method: 'POST', body: new Uint8Array(16) }),
    api(`/api/shards/${'ab'.repeat(32)}?run=${id}`),
  ];
}

describe('unknown run ids', () => {
  it('100 well-formed unknown ids on every run route: all 404, 0 run objects created', async () => {
    const before = (await listDurableObjectIds(env.RUNS)).length;
    for (let i = 0; i < 100; i++) {
      const responses = await Promise.all(runRequests(unknownId(i)));
      expect(responses.map((response) => response.status)).toEqual(responses.map(() => 404));
    }
    expect((await listDurableObjectIds(env.RUNS)).length - before).toBe(0);
  });

  it('a created run is still found on every route', async () => {
    const run = await createRun();
    expect((await api(`/api/runs/${run.id}`)).status).toBe(200);
    expect((await api(`/api/runs/${run.id}/state/0`)).status).toBe(200);
    expect((await postJson(`/api/runs/${run.id}/lease`, { volunteerId: 'alice', backend: 'wasm' })).status).toBe(200);
  });

  it('an object woken for an id never created makes no tables and answers no run', async () => {
    const stub = env.RUNS.getByName(unknownId(1000));
    const { tables, progress, shard } = await runInDurableObject(stub, async (instance, state) => ({
      tables: state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\'").toArray().map((row) => row.name),
      progress: await instance.progress(),
      shard: await instance.shard('ab'.repeat(32)),
    }));
    expect(tables).toEqual([]);
    expect(progress).toBeNull();
    expect(shard).toBeNull();
  });
});
