// Prints the contribute page's training speed on WASM, cross-origin isolated, in headless Chromium
// for each thread count the page is given (?threads=N): ResNet-20 (Basic3ResNet-3-3-3, 16-32-64)
// on synthetic 32x32x3 images, batch 64, tasks of 512 images, the network `npm run bench` times.
// Thread counts alternate round by round, so a busy machine slows each about as much.
// Run: node --experimental-strip-types tests/e2e/page-threads.ts [--threads 1,2] [--rounds 3] [--tasks 2]
// (after `npm run build`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_ADMIN_TOKEN, freePort, REPO_ROOT, startCoordinator } from '../../client/cli/coordinator-process.ts';
import { coordinatorClient } from '../../client/coordinator/index.ts';
import { prepareDataset } from '../../client/data/prepare-node.ts';
import { presetConfig } from '../../shared/config/presets.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { launchChromium } from './harness/browser.ts';
import { openContributePage } from './harness/contribute-page.ts';

const { values: args } = parseArgs({ options: { threads: { type: 'string', default: '1,2' }, rounds: { type: 'string', default: '3' }, tasks: { type: 'string', default: '2' } } });
const threadCounts = args.threads.split(',').map(Number);
const [rounds, tasks] = [Number(args.rounds), Number(args.tasks)];
if (!threadCounts.every((t) => Number.isInteger(t) && t > 0) || !(rounds > 0) || !(tasks > 0)) throw new Error(`page-threads: --threads lists positive integers, --rounds and --tasks are positive, got ${JSON.stringify(args)}`);

const base = presetConfig('tiny');
if (!base.ok) throw new Error(base.error);
const config: RunConfig = {
  ...base.value,
  name: 'page-threads-resnet20',
  dataset: { ...base.value.dataset, synthetic: { input: { height: 32, width: 32, channels: 3 }, classes: 10, trainSize: 8192, testSize: 256 }, validationFraction: 0.0625, shardSize: 512 },
  architecture: { family: 'Basic3ResNet', widths: [16, 32, 64], seedDepths: [3, 3, 3], maxDepths: [3, 3, 3] },
  optimizer: { ...base.value.optimizer, batchSize: 64, learningRate: 0.1 },
  fleet: { ...base.value.fleet, roundSize: 1, leaseSeconds: 3600 },
};
const prepared = prepareDataset(config.dataset, resolve(REPO_ROOT, 'dist/client'), undefined, { progress: () => {} });
if (!prepared.ok) throw new Error(prepared.error);
const persistTo = mkdtempSync(join(tmpdir(), 'autogrow-page-threads-'));
const started = await startCoordinator({ port: await freePort(), persistTo });
if (!started.ok) throw new Error(started.error);
const coordinator = started.value;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Images/s of `tasks` train tasks after the first (which compiles the kernels), as the page shows them. */
async function measure(threads: number): Promise<{ rates: number[]; detail: string; running: string }> {
  const run = await coordinatorClient(coordinator.url, { adminToken: DEV_ADMIN_TOKEN }).createRun({ config });
  if (!run.ok) throw new Error(run.error);
  const browser = await launchChromium({ webgpu: false });
  try {
    const page = await openContributePage(browser, coordinator.url, run.value.id, `&backend=wasm&threads=${threads}`);
    const rates: number[] = [];
    let seen = 0;
    let detail = '';
    const until = Date.now() + 20 * 60_000;
    while (rates.length < tasks && Date.now() < until) {
      await new Promise((done) => setTimeout(done, 200));
      const state = await page.state();
      detail = state.backendDetail;
      if (state.problem) throw new Error(`page-threads: the page reports ${state.problem}`);
      const trained = Object.values(state.tasksByBackend).reduce((sum, count) => sum + count, 0);
      if (trained > seen && state.imagesPerSecond !== null) {
        if (seen > 0 && state.taskKind !== 'eval') rates.push(state.imagesPerSecond);
        seen = trained;
      }
    }
    const running = await page.page.locator('#volunteer').getAttribute('data-threads');
    return { rates, detail, running: running ?? '?' };
  } finally {
    await browser.close();
  }
}

try {
  console.log(`page, WASM, cross-origin isolated: ${config.architecture.family}-${config.architecture.seedDepths.join('-')} widths ${config.architecture.widths.join('/')}, 32x32x3, batch 64, tasks of ${config.dataset.shardSize} images; ${rounds} rounds of ${threadCounts.join(', ')} threads`);
  const all = new Map<number, number[]>();
  for (let round = 1; round <= rounds; round++) {
    for (const threads of threadCounts) {
      const { rates, detail, running } = await measure(threads);
      all.set(threads, [...(all.get(threads) ?? []), ...rates]);
      console.log(`  round ${round}, ${threads} thread(s) asked, ${running} running: ${rates.map((r) => r.toFixed(1)).join(', ')} images/s (${detail})`);
    }
  }
  const [one] = threadCounts;
  for (const threads of threadCounts) {
    const rate = median(all.get(threads) ?? []);
    const ratio = threads === one ? '' : `, ${(rate / median(all.get(one!) ?? [])).toFixed(2)}x ${one} thread`;
    console.log(`${String(threads).padStart(3)} thread(s): ${rate.toFixed(1).padStart(8)} images/s median of ${all.get(threads)?.length ?? 0} tasks${ratio}`);
  }
} finally {
  await coordinator.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
