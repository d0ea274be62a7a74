// End to end: wrangler dev, two pages in real headless Chromium (one on WebGPU via SwiftShader,
// one with no adapter, so on WASM) and two headless Node volunteers train one tiny run to the end,
// in elastic rounds: a round takes a task for each volunteer at work.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../client/cli/coordinator-process.ts';
import { startVolunteer, type VolunteerProcess } from '../../client/cli/volunteer-process.ts';
import { launchChromium } from './harness/browser.ts';
import { openContributePage, type ContributePage } from './harness/contribute-page.ts';
import { createE2eRun, startLocalCoordinator, type LocalCoordinator } from './harness/local-coordinator.ts';
import { e2eRunConfig, trainSplitSize } from './harness/e2e-run.ts';
import { RunTimeline } from './harness/run-timeline.ts';
import { waitFor } from './harness/wait-for.ts';

const ARTIFACTS = resolve(REPO_ROOT, 'artifacts');
// Long enough for a 64-image task on SwiftShader's WebGPU (a few images per second).
const config = e2eRunConfig({ roundSize: 6, leaseSeconds: 120 });

describe('a run trained by two browsers and two Node volunteers', () => {
  let coordinator: LocalCoordinator;
  const browsers: Browser[] = [];
  const volunteers: VolunteerProcess[] = [];
  const nodeLines: string[][] = [[], []];

  beforeAll(async () => {
    coordinator = await startLocalCoordinator();
  });

  afterAll(async () => {
    await Promise.all(volunteers.map((volunteer) => volunteer.stop()));
    await Promise.all(browsers.map((browser) => browser.close()));
    await coordinator?.close();
  });

  it('grows the network and finishes, every volunteer contributing on its own backend', async () => {
    const runId = await createE2eRun(coordinator.url, config);
    const timeline = new RunTimeline(coordinator.url, runId);
    timeline.start();

    browsers.push(await launchChromium({ webgpu: true }), await launchChromium({ webgpu: false }));
    // One page at a time proves itself: with a faster volunteer beside it, SwiftShader's WebGPU
    // page would be every round's straggler, and a backup copy of its task would win each time.
    const pages = {} as Record<'webgpu' | 'wasm', ContributePage>;
    for (const [backend, browser] of [['webgpu', browsers[0]!], ['wasm', browsers[1]!]] as const) {
      const page = await openContributePage(browser, coordinator.url, runId);
      pages[backend] = page;
      const state = await waitFor(`the ${backend} page to start its backend`, async () => {
        const current = await page.state();
        return current.backend !== '' && current;
      }, 60_000);
      expect(state.backend, `${backend} page: ${state.backendDetail}; problems: ${page.problems.join(' | ')}`).toBe(backend);
      timeline.mark(`${backend} page started: ${state.backendDetail}`);
      await waitFor(`a task accepted from the ${backend} page on ${backend}`, async () => ((await page.state()).tasksByBackend[backend] ?? 0) >= 1, 120_000);
      timeline.mark(`${backend} page: first task accepted`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [backend, page] of Object.entries(pages)) await page.page.screenshot({ path: join(ARTIFACTS, `contribute-${backend}-working.png`), fullPage: true });
    // SwiftShader trains a few images per second, so the WebGPU page pauses (giving back any
    // lease it holds) and resumes once the run is over.
    await pages.webgpu.page.click('#pause');
    const paused = await waitFor('the WebGPU page to pause', async () => {
      const state = await pages.webgpu.state();
      return state.activity === 'paused' && state;
    }, 60_000);
    expect(paused.taskKind, 'a paused page holds no task').toBe('');
    timeline.mark(`webgpu page paused after ${JSON.stringify(paused.tasksByBackend)} tasks`);
    for (const lines of nodeLines) volunteers.push(startVolunteer(coordinator.url, runId, (line) => lines.push(line)));
    timeline.mark('two Node volunteers started');

    const done = await waitFor('the run to finish', async () => {
      const progress = await timeline.poll();
      return progress?.status === 'done' && progress;
    }, 300_000, 500);
    await timeline.stop();
    const exitCodes = await Promise.all(volunteers.map((volunteer) => volunteer.exited));
    await pages.webgpu.page.click('#pause');
    for (const page of Object.values(pages)) await waitFor('the page to see the run end', async () => (await page.state()).activity === 'finished', 30_000);

    const states = { webgpu: await pages.webgpu.state(), wasm: await pages.wasm.state() };
    await pages.webgpu.page.screenshot({ path: join(ARTIFACTS, 'contribute-webgpu.png'), fullPage: true });
    await pages.wasm.page.screenshot({ path: join(ARTIFACTS, 'contribute-wasm.png'), fullPage: true });
    const nodeRates = nodeLines.flat().filter((line) => / train: .* accepted$/.test(line)).map((line) => Number(/\((\d+) img\/s\)/.exec(line)?.[1]));
    console.log([
      `run ${runId}: ${done.architecture.name}, test accuracy ${done.testAcc}%`,
      `images/s (last train task): webgpu page ${states.webgpu.imagesPerSecond}, wasm page ${states.wasm.imagesPerSecond}, node median ${median(nodeRates)}`,
      `tasks: webgpu page ${JSON.stringify(states.webgpu.tasksByBackend)}, wasm page ${JSON.stringify(states.wasm.tasksByBackend)}, node ${nodeRates.length} train`,
      `largest train round: ${timeline.largestTrainRound} tasks`,
      timeline.print(),
    ].join('\n'));

    expect(done.doneReason).toBe('finished');
    expect(new Set(done.history.map((epoch) => epoch.architecture)).size, 'the architecture should grow').toBeGreaterThan(1);
    expect(done.log.some((entry) => entry.type === 'grow')).toBe(true);
    expect(done.testAcc, 'test accuracy above chance (4 classes)').toBeGreaterThan(50);
    for (const epoch of done.history) expect(epoch.samples, `train images of epoch ${epoch.epoch}`).toBe(trainSplitSize(config));
    expect(states.wasm.tasksDone).toBeGreaterThanOrEqual(1);
    expect(states.webgpu.tasksDone).toBeGreaterThanOrEqual(1);
    for (const lines of nodeLines) expect(lines.some((line) => line.includes('accepted')), lines.slice(-10).join('\n')).toBe(true);
    expect(exitCodes).toEqual([0, 0]);
    expect(timeline.largestTrainRound, 'a train round with a task for each of several volunteers').toBeGreaterThanOrEqual(2);
  });
});

function median(values: number[]): number | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)]!;
}
