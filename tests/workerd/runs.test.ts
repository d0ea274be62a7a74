import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../shared/config/presets.ts';
import { ADMIN, api, createRun, postJson, progress, tinyConfig } from './fleet.ts';

describe('runs', () => {
  it('creates a run from the tiny preset and reads its progress', async () => {
    const created = await createRun();
    expect(created).toMatchObject({
      name: 'tiny', status: 'running', phase: 'growing', epoch: 0, version: 0,
      architecture: { name: 'Basic3ResNet-1-1-1', depths: [1, 1, 1] },
      work: { kind: 'train', round: 0, rounds: 3, tasksDone: 0, tasksTotal: 1 },
      epochProgress: { done: 0, total: 3 }, history: [], volunteers: [], testAcc: null,
    });
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await progress(created.id)).toEqual(created);
  });

  it('serves the run\'s config, defaults filled in, and its dataset facts in the progress', async () => {
    const created = await createRun();
    const tiny = presetConfig('tiny');
    if (!tiny.ok) throw new Error(tiny.error);
    const response = await api(`/api/runs/${created.id}/config`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(tiny.value);
    expect(created.dataset).toEqual({ name: 'synthetic', input: { height: 12, width: 12, channels: 1 }, classes: 4, mean: [expect.any(Number)], std: [expect.any(Number)] });
    expect((await api(`/api/runs/${'0'.repeat(32)}/config`)).status).toBe(404);
  });

  it('creates a run from a full config', async () => {
    const created = await createRun({ config: tinyConfig({ fleet: { roundSize: 2 } }) });
    // No volunteer has come yet: the first round starts with one task and grows as they arrive.
    expect(created.work).toMatchObject({ kind: 'train', round: 0, tasksTotal: 1 });
  });

  it('lists runs newest first with their summaries', async () => {
    const first = await createRun();
    const second = await createRun();
    const response = await api('/api/runs');
    expect(response.status).toBe(200);
    const { runs } = await response.json<{ runs: { id: string }[] }>();
    const ids = runs.map((run) => run.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(runs.find((run) => run.id === first.id)).toEqual({
      id: first.id, name: 'tiny', status: 'running', phase: 'growing', architecture: 'Basic3ResNet-1-1-1',
      epoch: 0, volunteers: 0, noiseScale: null, epochProgress: { done: 0, total: 3 }, bestValAcc: null, testAcc: null, createdAt: first.createdAt, group: null,
    });
  });

  it('refuses a config with a bad field, naming it', async () => {
    const response = await postJson('/api/runs', { config: tinyConfig({ fleet: { roundSize: 0 } }) }, ADMIN);
    expect(response.status).toBe(400);
    expect((await response.json<{ error: string }>()).error).toContain('fleet.roundSize');
  });

  it('refuses a config with a misspelled field, naming it and the field it probably meant, and creates nothing', async () => {
    const before = await (await api('/api/runs')).json<{ runs: unknown[] }>();
    const response = await postJson('/api/runs', { config: { ...tinyConfig({}), growth: { ...tinyConfig({}).growth, intervall: 2 } } }, ADMIN);
    expect(response.status).toBe(400);
    expect((await response.json<{ error: string }>()).error).toContain('growth: unknown field "intervall" (did you mean "interval"?)');
    const after = await (await api('/api/runs')).json<{ runs: unknown[] }>();
    expect(after.runs).toHaveLength(before.runs.length);
  });

  it('refuses an unknown preset and a body that is neither form', async () => {
    const unknown = await postJson('/api/runs', { preset: 'huge' }, ADMIN);
    expect(unknown.status).toBe(400);
    expect((await unknown.json<{ error: string }>()).error).toContain('known presets: paper-cifar10, mnist-demo, mnist-full, tiny');
    const neither = await postJson('/api/runs', { name: 'x' }, ADMIN);
    expect(neither.status).toBe(400);
    expect((await neither.json<{ error: string }>()).error).toContain('"preset"');
    const notJson = await api('/api/runs', { method: 'POST', headers: ADMIN, body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('needs the admin token to create, pause, resume or cancel', async () => {
    const run = await createRun();
    const missing = await postJson('/api/runs', { preset: 'tiny' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: expect.stringContaining('Authorization: Bearer') });
    const wrong = await postJson('/api/runs', { preset: 'tiny' }, { Authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    for (const action of ['pause', 'resume', 'cancel']) {
      expect((await api(`/api/runs/${run.id}/${action}`, { method: 'POST' })).status).toBe(401);
    }
    expect((await progress(run.id)).status).toBe('running');
  });

  it('answers unknown runs and routes with a JSON 404', async () => {
    const unknown = await api(`/api/runs/${'0'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect((await api('/api/runs/not-an-id')).status).toBe(404);
    const route = await api('/api/nothing');
    expect(route.status).toBe(404);
    expect(await route.json()).toEqual({ error: 'no route for GET /api/nothing' });
  });

  it('serves COOP and COEP on every response, errors included', async () => {
    for (const response of [await api('/api/runs'), await api('/api/nothing'), await postJson('/api/runs', {})]) {
      expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
      expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    }
  });
});
