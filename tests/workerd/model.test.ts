import { describe, expect, it } from 'vitest';
import { networkPlan } from '../../shared/architecture/plan.ts';
import { tensorSize } from '../../shared/architecture/index.ts';
import { kerasGraph } from '../../shared/export/keras-graph.ts';
import type { LayersModelJson } from '../../shared/export/index.ts';
import { presetConfig } from '../../shared/config/presets.ts';
import { datasetFacts } from '../../shared/dataset/index.ts';
import { isMomentumName } from '../../shared/state/index.ts';
import { api, createRun, fetchState } from './fleet.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('model route', () => {
  it('redirects to the current version, whose model.json and weights.bin hold every tensor of the state', async () => {
    const run = await createRun();
    const current = await api(`/api/runs/${run.id}/model`, { redirect: 'manual' });
    expect(current.status).toBe(302);
    expect(current.headers.get('Cache-Control')).toBe('no-store');
    const location = current.headers.get('Location')!;
    expect(location).toBe(`/api/runs/${run.id}/model/0/model.json`);

    const json = await api(location);
    expect(json.status).toBe(200);
    expect(json.headers.get('Cache-Control')).toBe(IMMUTABLE);
    const modelJson = await json.json<LayersModelJson>();
    const [group, ...others] = modelJson.weightsManifest;
    expect(others).toHaveLength(0);
    expect(group!.paths).toEqual(['weights.bin']);
    const weights = await api(`/api/runs/${run.id}/model/0/weights.bin`);
    expect(weights.headers.get('Cache-Control')).toBe(IMMUTABLE);
    const bytes = new Uint8Array(await weights.arrayBuffer());

    // Each manifest entry, in order, is the state tensor its Keras weight is bound to, byte for byte.
    const state = await fetchState(run.id, 0);
    const { input } = state.architecture;
    const bindings = kerasGraph(networkPlan(state.architecture), [input.height, input.width, input.channels], 'softmax').weights;
    expect(group!.weights.map((w) => w.name)).toEqual(bindings.map((b) => b.weight));
    const network = state.tensors.filter((t) => !isMomentumName(t.name));
    expect(new Set(bindings.map((b) => b.tensor))).toEqual(new Set(network.map((t) => t.name)));
    let offset = 0;
    group!.weights.forEach((weight, i) => {
      const tensor = network.find((t) => t.name === bindings[i]!.tensor)!;
      expect(weight.shape).toEqual(tensor.shape);
      const size = tensorSize(weight.shape) * 4;
      expect(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength)).toEqual(bytes.subarray(offset, offset + size));
      offset += size;
    });
    expect(offset).toBe(bytes.length);

    const tiny = presetConfig('tiny');
    if (!tiny.ok) throw new Error(tiny.error);
    const facts = datasetFacts(tiny.value.dataset);
    expect(modelJson.userDefinedMetadata).toMatchObject({ run: run.id, version: 0, dataset: 'synthetic', mean: facts.mean, std: facts.std });
  });

  it('answers 404 for an unknown run and 400 for a version that is not a non-negative integer', async () => {
    const unknown = '0'.repeat(32);
    expect((await api(`/api/runs/${unknown}/model`, { redirect: 'manual' })).status).toBe(404);
    const missing = await api(`/api/runs/${unknown}/model/0/model.json`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: `no run ${unknown}` });

    const run = await createRun();
    for (const version of ['abc', '-1', '1.5']) {
      const bad = await api(`/api/runs/${run.id}/model/${version}/weights.bin`);
      expect(bad.status, version).toBe(400);
      expect(await bad.json()).toEqual({ error: `version must be a non-negative integer, got "${version}"` });
    }
    expect((await api(`/api/runs/${run.id}/model/3/model.json`)).status).toBe(404);
  });
});
