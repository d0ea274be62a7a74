// End to end against the real coordinator (wrangler dev): `npm run runs -- create` starts a tiny
// run, the dashboard and `runs watch` follow it while a scripted volunteer works it to the end, and
// `npm run export` writes the model route's files, which stock tfjs loads and which predict what
// the state computes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeries } from '../../client/dashboard/chart-series.ts';
import { coordinatorClient, type CoordinatorClient } from '../../client/coordinator/index.ts';
import { freePort, startCoordinator, type CoordinatorProcess } from '../../client/cli/coordinator-process.ts';
import { referenceLogits } from '../../shared/export/test-reference-forward.ts';
import { RandomGenerator } from '../../shared/random/generator.ts';
import { buildDashboard } from './build-dashboard.ts';
import { canvasPixels, plotted } from './chart-probe.ts';
import { launchChromium } from './chromium.ts';
import { runCli } from './run-cli.ts';
import { TEST_ACCURACY, volunteerUntilDone } from './scripted-volunteer.ts';

let buildDir: string;
let outDir: string;
let persistTo: string;
let coordinator: CoordinatorProcess;
let api: CoordinatorClient;
let browser: Browser;

beforeAll(async () => {
  buildDir = await buildDashboard();
  outDir = mkdtempSync(join(tmpdir(), 'autogrow-export-'));
  persistTo = mkdtempSync(join(tmpdir(), 'autogrow-dashboard-'));
  const started = await startCoordinator({ port: await freePort(), persistTo, assets: buildDir });
  if (!started.ok) throw new Error(started.error);
  coordinator = started.value;
  api = coordinatorClient(coordinator.url);
  browser = await launchChromium();
  await tf.setBackend('cpu');
});

afterAll(async () => {
  await browser?.close();
  await coordinator?.stop();
  for (const dir of [buildDir, outDir, persistTo]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const softmax = (logits: Float64Array): number[] => {
  const exps = Array.from(logits, (v) => Math.exp(v - Math.max(...logits)));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
};

describe('dashboard and CLIs on wrangler dev', () => {
  it('follow a tiny run from creation to its test accuracy, and export its model', async () => {
    const created = await runCli('runs', ['create', '--preset', 'tiny', '--coordinator', coordinator.url]);
    expect(created.code, created.stderr).toBe(0);
    const id = /created run ([0-9a-f]{32})/.exec(created.stdout)![1]!;

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${coordinator.url}/dashboard/?run=${id}`);
    await page.waitForFunction(() => document.querySelector('#architecture')?.textContent === 'Basic3ResNet-1-1-1');
    await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
    const watching = runCli('runs', ['watch', id, '--coordinator', coordinator.url]);

    await volunteerUntilDone(api, id, 60);
    const final = await api.runProgress(id);
    if (!final.ok) throw new Error(final.error);
    expect(final.value).toMatchObject({ status: 'done', testAcc: TEST_ACCURACY });

    await page.waitForFunction(() => document.querySelector('#test-acc')?.textContent !== '–', undefined, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(await page.locator('#test-acc').textContent()).toBe(`${TEST_ACCURACY.toFixed(2)}%`);
    const series = runSeries(final.value);
    expect(await plotted(page, 'chart-accuracy')).toMatchObject({ points: [final.value.history.length], markers: final.value.log.length, fineTuneFrom: series.fineTuneFrom });
    expect((await plotted(page, 'chart-depth')).points).toEqual(series.depths.map((d) => d.steps.length));
    expect((await canvasPixels(page, 'chart-accuracy', ['--accent'])).opaque['--accent']).toBeGreaterThan(100);
    expect(await page.locator('#architecture').textContent()).toBe(final.value.architecture.name);
    await page.screenshot({ path: resolve(import.meta.dirname, '../../artifacts/dashboard-live.png'), fullPage: true });
    await page.close();

    const watched = await watching;
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout.split('\n').filter((line) => line.startsWith('epoch '))).toHaveLength(final.value.history.length);
    expect(watched.stdout).toContain(`finished: ${final.value.architecture.name}, test accuracy ${TEST_ACCURACY.toFixed(2)}%`);

    const exported = await runCli('export', ['--coordinator', coordinator.url, '--run', id, '--out', outDir]);
    expect(exported.code, exported.stderr).toBe(0);
    const modelJson = JSON.parse(readFileSync(join(outDir, 'model.json'), 'utf8'));
    const report = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ testAcc: TEST_ACCURACY, finalArchitecture: { name: final.value.architecture.name }, config: { name: 'tiny' } });
    expect(modelJson.userDefinedMetadata).toMatchObject({ run: id, version: final.value.version, mean: final.value.dataset.mean, std: final.value.dataset.std });
    const weights = readFileSync(join(outDir, modelJson.weightsManifest[0].paths[0]));
    const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => [manifest.flatMap((g) => g.weights), new Uint8Array(weights).buffer]);
    const model = await loadLayersModel(tf.io.fromMemory(artifacts));

    const state = await api.modelState(id, final.value.version);
    if (!state.ok) throw new Error(state.error);
    const { height, width, channels } = state.value.architecture.input;
    const random = new RandomGenerator(3);
    const images = [0, 1].map(() => Float32Array.from({ length: height * width * channels }, () => random.normal()));
    const predicted = (await (model.predict(tf.tensor4d(images.flatMap((i) => [...i]), [2, height, width, channels])) as tf.Tensor).array()) as number[][];
    images.forEach((image, i) => {
      const expected = softmax(referenceLogits(state.value.architecture, state.value.tensors, image));
      expect(Math.max(...predicted[i]!.map((p, k) => Math.abs(p - expected[k]!)))).toBeLessThan(1e-5);
    });
  });
});
