import { describe, expect, it } from 'vitest';
import { encodeModelState, stateLayout, type ModelState } from '../../shared/state/index.ts';
import { adminTokenFor, coordinatorClient } from './index.ts';
import { fakeFetch, type Route } from './test-fake-fetch.ts';

describe('coordinatorClient', () => {
  it('sends the admin token and the body of a create', async () => {
    let seen: { auth: string | null; body: unknown } | null = null;
    const api = coordinatorClient('http://coordinator.test', {
      adminToken: 'secret',
      fetch: fakeFetch({
        'POST /api/runs': async (request) => {
          seen = { auth: request.headers.get('Authorization'), body: await request.json() };
          return Response.json({ error: 'dataset: no shards' }, { status: 400, statusText: 'Bad Request' });
        },
      }),
    });
    const created = await api.createRun({ preset: 'tiny' });
    expect(seen).toEqual({ auth: 'Bearer secret', body: { preset: 'tiny' } });
    expect(created).toEqual({ ok: false, status: 400, retry: false, error: 'create run: 400 dataset: no shards' });
  });

  it('says a refused token is the admin token, and an unreachable coordinator is unreachable', async () => {
    const refused = coordinatorClient('http://coordinator.test', {
      fetch: fakeFetch({ 'POST /api/runs/abc/pause': () => Response.json({ error: 'admin token missing or wrong' }, { status: 401, statusText: 'Unauthorized' }) }),
    });
    const paused = await refused.controlRun('abc', 'pause');
    expect(paused.ok).toBe(false);
    expect(!paused.ok && paused.error).toBe("pause run abc: 401 admin token missing or wrong (set AUTOGROW_ADMIN_TOKEN to the coordinator's ADMIN_TOKEN)");
    const down = coordinatorClient('http://127.0.0.1:9', { fetch: () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })) });
    expect(await down.listRuns()).toEqual({ ok: false, status: null, retry: true, error: 'list runs: cannot reach the coordinator at http://127.0.0.1:9 (ECONNREFUSED)' });
  });

  it('refuses an answer that is not JSON, or not the JSON its protocol schema describes', async () => {
    const proxy = coordinatorClient('http://coordinator.test', { fetch: fakeFetch({ 'GET /api/runs': () => new Response('<html>proxy</html>') }) });
    expect(await proxy.listRuns()).toMatchObject({ ok: false, retry: true, error: expect.stringMatching(/^list runs: the answer is not JSON/) });
    const old = coordinatorClient('http://coordinator.test', { fetch: fakeFetch({ 'GET /api/runs': () => Response.json({ runs: [{ id: 'r1' }] }) }) });
    expect(await old.listRuns()).toMatchObject({ ok: false, retry: false, error: expect.stringMatching(/^list runs: the coordinator's answer is not what this client understands \(runs\.0\.name: /) });
  });

  it('asks which run to work for with the key and the current run, and reads either answer', async () => {
    const asked: unknown[] = [];
    const answers = [{ runId: 'r2', reason: 'moved: run finished' }, { runId: null, waitSeconds: 5 }, { runId: 'r2', reason: 'because' }];
    const api = coordinatorClient('http://coordinator.test', {
      fetch: fakeFetch({
        'POST /api/assign': async (request) => {
          asked.push(await request.json());
          return Response.json(answers.shift());
        },
      }),
    });
    expect(await api.assign('k'.repeat(32), 'r1')).toEqual({ ok: true, value: { runId: 'r2', reason: 'moved: run finished' } });
    expect(await api.assign('k'.repeat(32), null)).toEqual({ ok: true, value: { runId: null, waitSeconds: 5 } });
    expect(asked).toEqual([{ volunteerKey: 'k'.repeat(32), current: 'r1' }, { volunteerKey: 'k'.repeat(32), current: null }]);
    expect(await api.assign('k'.repeat(32), null)).toMatchObject({ ok: false, retry: false, error: expect.stringMatching(/^assign a run: the coordinator's answer is not what this client understands/) });
  });

  it('joins a version\'s shards into its model state, and names a shard that does not match its hash', async () => {
    const architecture = { family: 'Plain3Net' as const, depths: [1, 1, 1], widths: [2, 2, 2], input: { height: 8, width: 8, channels: 1 }, classes: 2 };
    const tensors = stateLayout(architecture).map((e) => ({ name: e.name, shape: e.shape, data: new Float32Array(e.shape.reduce((a, b) => a * b, 1)).fill(0.5) }));
    const state: ModelState = { architecture, tensors };
    const { manifest, shards } = encodeModelState(state, 100);
    const served = shards.map((s) => s.slice());
    const routes: Record<string, Route> = {
      'GET /api/runs/r1/state/3': () => Response.json({ ...manifest, runId: 'r1', version: 3, shards: manifest.shards.map((s) => ({ ...s, url: `/api/shards/${s.hash}?run=r1` })) }),
    };
    manifest.shards.forEach((s, i) => (routes[`GET /api/shards/${s.hash}`] = () => new Response(served[i]!)));
    const api = coordinatorClient('http://coordinator.test', { fetch: fakeFetch(routes) });
    const loaded = await api.modelState('r1', 3);
    expect(loaded.ok && loaded.value.tensors.map((t) => t.name)).toEqual(state.tensors.map((t) => t.name));
    served[1]![0]! ^= 1;
    const corrupt = await api.modelState('r1', 3);
    expect(!corrupt.ok && corrupt.error).toMatch(/shard 1 should hash to/);
  });
});

describe('adminTokenFor', () => {
  it('prefers AUTOGROW_ADMIN_TOKEN, and sends the dev token only to a coordinator on this machine', () => {
    expect(adminTokenFor('https://fleet.example.org', { AUTOGROW_ADMIN_TOKEN: 'prod' })).toBe('prod');
    expect(adminTokenFor('http://127.0.0.1:8787', {})).toBe('dev-admin-token');
    expect(adminTokenFor('http://localhost:8787', {})).toBe('dev-admin-token');
    expect(adminTokenFor('https://fleet.example.org', {})).toBeUndefined();
  });
});
