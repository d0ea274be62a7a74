import { describe, expect, it } from 'vitest';
import snapshots from '../../tests/dashboard/fixtures/run-snapshots.json' with { type: 'json' };
import runConfig from '../../tests/dashboard/fixtures/run-config.json' with { type: 'json' };
import { parameterCount } from '../../shared/architecture/index.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import { coordinatorClient } from '../coordinator/index.ts';
import { exportRun } from './export-run.ts';
import { modelPath } from './model-files.ts';
import { fakeFetch, type Route } from '../coordinator/test-fake-fetch.ts';

const progress = { ...(snapshots as RunProgress[]).at(-1)!, version: 3 };
const served = { format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: [] }] };

function coordinator(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    [`GET /api/runs/${progress.id}`]: () => Response.json(progress),
    [`GET /api/runs/${progress.id}/config`]: () => Response.json(runConfig),
    [`GET ${modelPath(progress.id, 3)}`]: () => Response.json(served),
    [`GET /api/runs/${progress.id}/model/3/weights.bin`]: () => new Response(new Uint8Array([1, 2, 3, 4])),
    ...extra,
  };
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('exportRun', () => {
  it('writes the model files of the current version as the coordinator serves them, and the report with the config', async () => {
    const exported = await exportRun(coordinatorClient('http://coordinator.test', { fetch: fakeFetch(coordinator()) }), progress.id);
    if (!exported.ok) throw new Error(exported.error);
    expect(exported.value.version).toBe(3);
    expect(exported.value.files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'report.json']);
    expect(JSON.parse(text(exported.value.files[0]!.bytes))).toEqual(served);
    expect(exported.value.files[1]!.bytes).toEqual(new Uint8Array([1, 2, 3, 4]));
    const report = JSON.parse(text(exported.value.files[2]!.bytes));
    expect(report.config).toMatchObject({ name: 'cifar10-demo', dataset: { name: 'cifar10', trainLimit: 20480 } });
    const spec = { family: 'Basic3ResNet' as const, depths: [8, 7, 8], widths: [16, 32, 64], input: { height: 32, width: 32, channels: 3 }, classes: 10 };
    expect(report.finalArchitecture.counts.parameters).toBe(parameterCount(spec));
    expect(report.testAcc).toBe(91.37);
  });

  it('passes on the coordinator\'s words when the version is gone', async () => {
    const routes = coordinator({ [`GET ${modelPath(progress.id, 1)}`]: () => Response.json({ error: 'version 1 is gone' }, { status: 410, statusText: 'Gone' }) });
    const exported = await exportRun(coordinatorClient('http://coordinator.test', { fetch: fakeFetch(routes) }), progress.id, 1);
    expect(exported).toEqual({ ok: false, status: 410, retry: false, error: `GET ${modelPath(progress.id, 1)}: 410 version 1 is gone` });
  });

  it('refuses a config the schema does not accept', async () => {
    const routes = coordinator({ [`GET /api/runs/${progress.id}/config`]: () => Response.json({ ...runConfig, fleet: { roundSize: 0 } }) });
    const exported = await exportRun(coordinatorClient('http://coordinator.test', { fetch: fakeFetch(routes) }), progress.id);
    expect(exported).toMatchObject({ ok: false, error: expect.stringContaining(`config of run ${progress.id}: fleet.roundSize`) });
  });
});
