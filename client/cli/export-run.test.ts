import { describe, expect, it } from 'vitest';
import snapshots from '../../tests/dashboard/fixtures/run-snapshots.json' with { type: 'json' };
import { tensorSize } from '../../shared/architecture/index.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import { encodeModelState, stateLayout, type ModelState } from '../../shared/state/index.ts';
import { coordinatorApi } from './coordinator-api.ts';
import { exportRun, modelRoute } from './export-run.ts';
import { fakeFetch, type Route } from './test-fake-fetch.ts';

const progress = { ...(snapshots as RunProgress[]).at(-1)!, version: 3 };
const architecture = { family: 'Basic3ResNet' as const, depths: [8, 7, 8], widths: [16, 32, 64], input: { height: 32, width: 32, channels: 3 }, classes: 10 };
const state: ModelState = {
  architecture,
  tensors: stateLayout(architecture).map((e) => ({ name: e.name, shape: e.shape, data: new Float32Array(tensorSize(e.shape)).fill(0.25) })),
};

function coordinator(extra: Record<string, Route> = {}): Record<string, Route> {
  const { manifest, shards } = encodeModelState(state);
  const routes: Record<string, Route> = {
    [`GET /api/runs/${progress.id}`]: () => Response.json(progress),
    [`GET /api/runs/${progress.id}/state/3`]: () =>
      Response.json({ ...manifest, runId: progress.id, version: 3, shards: manifest.shards.map((s) => ({ ...s, url: `/api/shards/${s.hash}?run=${progress.id}` })) }),
    ...extra,
  };
  manifest.shards.forEach((s, i) => (routes[`GET /api/shards/${s.hash}`] = () => new Response(shards[i]!.slice())));
  return routes;
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('exportRun', () => {
  it('builds model.json and weights.bin from the state shards when the coordinator has no model route', async () => {
    const exported = await exportRun(coordinatorApi('http://coordinator.test', { fetch: fakeFetch(coordinator()) }), progress.id);
    if (!exported.ok) throw new Error(exported.error);
    expect(exported.source).toBe('state shards');
    expect(exported.files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'report.json']);
    const modelJson = JSON.parse(text(exported.files[0]!.bytes));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.userDefinedMetadata).toMatchObject({ architectureName: 'Basic3ResNet-8-7-8', run: progress.id, version: 3 });
    const values = modelJson.weightsManifest[0].weights.reduce((sum: number, w: { shape: number[] }) => sum + tensorSize(w.shape), 0);
    expect(exported.files[1]!.bytes.length).toBe(values * 4);
    const report = JSON.parse(text(exported.files[2]!.bytes));
    expect(report.finalArchitecture.counts.parameters).toBeGreaterThan(0);
    expect(report.testAcc).toBe(91.37);
  });

  it('takes the model from the coordinator\'s route when it answers, weights resolved beside model.json', async () => {
    const served = { format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: [] }] };
    const routes = coordinator({
      [`GET ${modelRoute(progress.id, 3)}`]: () => Response.json(served),
      [`GET /api/runs/${progress.id}/model/3/weights.bin`]: () => new Response(new Uint8Array([1, 2, 3, 4])),
    });
    const exported = await exportRun(coordinatorApi('http://coordinator.test', { fetch: fakeFetch(routes) }), progress.id);
    if (!exported.ok) throw new Error(exported.error);
    expect(exported.source).toBe('model route');
    expect(JSON.parse(text(exported.files[0]!.bytes))).toEqual(served);
    expect(exported.files[1]).toEqual({ name: 'weights.bin', bytes: new Uint8Array([1, 2, 3, 4]) });
  });

  it('passes on the coordinator\'s words when the version is gone', async () => {
    const routes = coordinator({ [`GET /api/runs/${progress.id}/state/1`]: () => Response.json({ error: 'version 1 is gone' }, { status: 410, statusText: 'Gone' }) });
    const exported = await exportRun(coordinatorApi('http://coordinator.test', { fetch: fakeFetch(routes) }), progress.id, 1);
    expect(exported).toMatchObject({ ok: false, error: `GET /api/runs/${progress.id}/state/1: 410 Gone: version 1 is gone` });
  });
});
