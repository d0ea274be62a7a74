// Growth under a cost budget in the coordinator: a tiny run with a parameter budget stops growing
// where the budget says, logs why, and its config and model record the budget; a seed over the
// budget is refused at creation.
import { describe, expect, it } from 'vitest';
import { networkCost } from '../../shared/config/budget.ts';
import { parseRunConfig } from '../../shared/config/run-config.ts';
import type { LayersModelJson } from '../../shared/export/index.ts';
import { ADMIN, api, createRun, finishRound, postJson, progress, tinyConfig } from './fleet.ts';

function tinyParsed(budget: object) {
  const parsed = parseRunConfig(tinyConfig({ budget }));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** Reports every task (every validation at 50%) until the run is done. */
async function finishRun(runId: string): Promise<void> {
  for (let guard = 0; guard < 100 && (await progress(runId)).status !== 'done'; guard++) await finishRound(runId, { correct: 32 });
}

describe('a run with a parameter budget', () => {
  it('grows while the next sub-module fits, then every stage leaves at the budget and the run fine-tunes the net it has', async () => {
    const unlimited = tinyParsed({});
    const limit = networkCost(unlimited, [2, 1, 1]).parameters;
    const run = await createRun({ config: tinyConfig({ budget: { parameters: limit } }) });
    await finishRun(run.id);
    const done = await progress(run.id);
    expect(done).toMatchObject({ status: 'done', phase: 'done', architecture: { name: 'Basic3ResNet-2-1-1' }, circle: [] });
    expect(done.log).toEqual([
      { epoch: 1, type: 'grow', stage: 0, depth: 2 },
      { epoch: 2, type: 'budget', stage: 1, depth: 1, measure: 'parameters', cost: networkCost(unlimited, [2, 2, 1]).parameters, limit },
      { epoch: 2, type: 'budget', stage: 2, depth: 1, measure: 'parameters', cost: networkCost(unlimited, [2, 1, 2]).parameters, limit },
      { epoch: 2, type: 'budget', stage: 0, depth: 2, measure: 'parameters', cost: networkCost(unlimited, [3, 1, 1]).parameters, limit },
    ]);
    expect(done.history.map((entry) => entry.phase)).toEqual(['growing', 'growing', 'fine-tuning', 'fine-tuning']);

    const config = await (await api(`/api/runs/${run.id}/config`)).json<{ budget: unknown }>();
    expect(config.budget).toEqual({ parameters: limit, multiplyAccumulates: null, latencyMs: null });
    const model = await (await api(`/api/runs/${run.id}/model/${done.version}/model.json`)).json<LayersModelJson>();
    expect(model.userDefinedMetadata.budget).toEqual({ limits: config.budget, used: { parameters: 1, multiplyAccumulates: null } });
  });

  it('is refused at creation when the seed network alone breaks the budget, and no run is made', async () => {
    const seed = networkCost(tinyParsed({}), [1, 1, 1]).parameters;
    const before = await (await api('/api/runs')).json<{ runs: unknown[] }>();
    const response = await postJson('/api/runs', { config: tinyConfig({ budget: { parameters: seed - 1 } }) }, ADMIN);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: expect.stringContaining(`budget.parameters: the seed network Basic3ResNet-1-1-1 alone has ${seed} parameters, over the budget of ${seed - 1}`),
    });
    expect((await (await api('/api/runs')).json<{ runs: unknown[] }>()).runs).toHaveLength(before.runs.length);
  });
});
