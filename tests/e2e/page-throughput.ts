// Prints the contribute page's training speed (images/s of train tasks, as the page shows it) on
// each backend this machine offers: WebGPU (SwiftShader), WASM in a cross-origin isolated page
// (threaded SIMD build), WASM without isolation (no threads), and the Node volunteer.
// Run: node tests/e2e/page-throughput.ts [--tasks N] [--seconds S] [--preset mnist-demo] [--skip webgpu,...]
// (after `npm run build`). The default run is the end-to-end tests' tiny one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_ADMIN_TOKEN, freePort, REPO_ROOT, startCoordinator } from '../../client/cli/coordinator-process.ts';
import { coordinatorClient } from '../../client/coordinator/index.ts';
import { startVolunteer } from '../../client/cli/volunteer-process.ts';
import { prepareDataset } from '../../client/data/prepare-node.ts';
import { presetConfig } from '../../shared/config/presets.ts';
import { launchChromium } from './harness/browser.ts';
import { openContributePage } from './harness/contribute-page.ts';
import { e2eRunConfig } from './harness/e2e-run.ts';
import { startHeaderStrippingProxy } from './harness/header-stripping-proxy.ts';

const { values: args } = parseArgs({ options: { tasks: { type: 'string', default: '4' }, seconds: { type: 'string', default: '600' }, preset: { type: 'string' }, skip: { type: 'string', default: '' } } });
const tasks = Number(args.tasks);
const skip = new Set(args.skip.split(','));
const preset = args.preset ? presetConfig(args.preset) : null;
if (preset && !preset.ok) throw new Error(preset.error);
// Leases long enough for the slowest backend's task.
const config = preset?.ok ? { ...preset.value, fleet: { ...preset.value.fleet, leaseSeconds: 3600 } } : e2eRunConfig({ roundSize: 6, leaseSeconds: 600 });
const prepared = prepareDataset(config.dataset, resolve(REPO_ROOT, 'dist/client'), undefined, { progress: () => {} });
if (!prepared.ok) throw new Error(prepared.error);
const persistTo = mkdtempSync(join(tmpdir(), 'autogrow-throughput-'));
const started = await startCoordinator({ port: await freePort(), persistTo });
if (!started.ok) throw new Error(started.error);
const coordinator = started.value;
const proxy = await startHeaderStrippingProxy(coordinator.url, await freePort());
const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;

/** Median images/s over `tasks` train tasks after the first (which pays for compiling kernels). */
async function measurePage(label: string, webgpu: boolean, origin: string, query: string): Promise<void> {
  const run = await coordinatorClient(coordinator.url, { adminToken: DEV_ADMIN_TOKEN }).createRun({ config });
  if (!run.ok) throw new Error(run.error);
  const browser = await launchChromium({ webgpu });
  try {
    const page = await openContributePage(browser, origin, run.value.id, query);
    const rates: number[] = [];
    let seen = 0;
    let detail = '';
    let live: number | null = null;
    const until = Date.now() + Number(args.seconds) * 1000;
    while (rates.length < tasks && Date.now() < until) {
      await new Promise((done) => setTimeout(done, 100));
      const state = await page.state();
      detail = state.backendDetail;
      if (state.taskKind === 'train') live = state.imagesPerSecond;
      const trained = Object.values(state.tasksByBackend).reduce((sum, count) => sum + count, 0);
      // A new accepted task whose rate is a train task's: the page keeps the last train rate.
      if (trained > seen && state.imagesPerSecond !== null) {
        if (seen > 0) rates.push(state.imagesPerSecond);
        seen = trained;
      }
    }
    // A backend too slow to finish a task in time still shows its rate so far.
    const rate = rates.length > 0 ? `${median(rates).toFixed(1).padStart(8)} images/s  (${rates.length} tasks` : `${(live ?? Number.NaN).toFixed(1).padStart(8)} images/s  (live, no task finished after the first`;
    console.log(`${label.padEnd(28)} ${rate}; ${detail})`);
  } finally {
    await browser.close();
  }
}

async function measureNode(): Promise<void> {
  const run = await coordinatorClient(coordinator.url, { adminToken: DEV_ADMIN_TOKEN }).createRun({ config });
  if (!run.ok) throw new Error(run.error);
  const rates: number[] = [];
  const volunteer = startVolunteer(coordinator.url, run.value.id, (line) => {
    const rate = / train: .*\((\d+) img\/s\).* accepted$/.exec(line);
    if (rate) rates.push(Number(rate[1]));
  }, ['--max-tasks', String(tasks * 2)]);
  await volunteer.exited;
  console.log(`${'Node volunteer (WASM)'.padEnd(28)} ${median(rates.slice(1)).toFixed(1).padStart(8)} images/s  (${rates.length - 1} tasks)`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
}

try {
  console.log(`run ${config.name} on ${config.dataset.name}: train tasks of ${config.dataset.shardSize} images, batch ${config.optimizer.batchSize}, seed network ${config.architecture.family}-${config.architecture.seedDepths.join('-')} widths ${config.architecture.widths.join('/')}`);
  if (!skip.has('webgpu')) await measurePage('page, WebGPU (SwiftShader)', true, coordinator.url, '');
  if (!skip.has('wasm')) await measurePage('page, WASM, isolated', false, coordinator.url, '');
  if (!skip.has('wasm-no-threads')) await measurePage('page, WASM, not isolated', false, proxyUrl, '');
  if (!skip.has('node')) await measureNode();
} finally {
  proxy.close();
  await coordinator.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
