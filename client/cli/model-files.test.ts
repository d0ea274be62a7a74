import { describe, expect, it } from 'vitest';
import { coordinatorClient } from '../coordinator/index.ts';
import { fetchModelFiles, modelPath } from './model-files.ts';
import { fakeFetch } from '../coordinator/test-fake-fetch.ts';

const serving = (modelJson: unknown) =>
  coordinatorClient('http://coordinator.test', {
    fetch: fakeFetch({
      [`GET ${modelPath('r1', 2)}`]: () => Response.json(modelJson),
      'GET /api/runs/r1/model/2/weights.bin': () => new Response(new Uint8Array([5, 6, 7, 8])),
      'GET /api/runs/r1/model/2/head.bin': () => new Response(new Uint8Array([9])),
    }),
  });

describe('fetchModelFiles', () => {
  it('keeps model.json as sent and fetches every weights file it names from beside it', async () => {
    const modelJson = { format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: [] }, { paths: ['head.bin'], weights: [] }] };
    const files = await fetchModelFiles(serving(modelJson), 'r1', 2);
    if (!files.ok) throw new Error(files.error);
    expect(files.value.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'head.bin']);
    expect(new TextDecoder().decode(files.value[0]!.bytes)).toBe(JSON.stringify(modelJson));
    expect(files.value[1]!.bytes).toEqual(new Uint8Array([5, 6, 7, 8]));
    expect(files.value[2]!.bytes).toEqual(new Uint8Array([9]));
  });

  it('refuses a weights path that leaves the folder, and an answer that is not a model.json', async () => {
    const escaping = await fetchModelFiles(serving({ weightsManifest: [{ paths: ['../../state/2'], weights: [] }] }), 'r1', 2);
    expect(escaping).toMatchObject({ ok: false, error: expect.stringContaining('weights path "../../state/2" is not a plain file name') });
    const notModel = await fetchModelFiles(serving({ runs: [] }), 'r1', 2);
    expect(notModel).toMatchObject({ ok: false, error: `${modelPath('r1', 2)}: the answer is not a LayersModel model.json` });
  });
});
