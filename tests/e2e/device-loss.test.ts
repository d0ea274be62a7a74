// End to end: the page's WebGPU device is lost mid-task (destroyed from inside its worker, as a
// GPU reset would); the page switches to WASM, runs the task again, and the report is accepted.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_TOKEN } from '../../client/cli/coordinator-process.ts';
import { coordinatorClient } from '../../client/coordinator/index.ts';
import { launchChromium } from './harness/browser.ts';
import { openContributePage } from './harness/contribute-page.ts';
import { startLocalCoordinator, type LocalCoordinator } from './harness/local-coordinator.ts';
import { e2eRunConfig } from './harness/e2e-run.ts';
import { waitFor } from './harness/wait-for.ts';

const config = e2eRunConfig({ roundSize: 6, leaseSeconds: 600 });

describe('a lost WebGPU device', () => {
  let coordinator: LocalCoordinator;
  let browser: Browser | null = null;

  beforeAll(async () => {
    coordinator = await startLocalCoordinator();
  });

  afterAll(async () => {
    await browser?.close();
    await coordinator?.close();
  });

  it('moves the page to WASM, which runs the task again', async () => {
    const created = await coordinatorClient(coordinator.url, { adminToken: DEV_ADMIN_TOKEN }).createRun({ config });
    if (!created.ok) throw new Error(created.error);
    browser = await launchChromium({ webgpu: true });
    const page = await openContributePage(browser, coordinator.url, created.value.id);
    await waitFor('the page to train on WebGPU', async () => {
      const state = await page.state();
      return state.backend === 'webgpu' && state.activity === 'training';
    }, 90_000);
    const worker = page.page.workers().find((candidate) => candidate.url().includes('volunteer-worker'));
    if (!worker) throw new Error('the page runs no volunteer worker');
    // tfjs keeps its engine on the worker's global object; its WebGPU backend holds the device.
    await worker.evaluate(() => (self as unknown as { _tfengine: { backend: { device: GPUDevice } } })._tfengine.backend.device.destroy());

    const moved = await waitFor('a task accepted on WASM', async () => {
      const state = await page.state();
      return (state.tasksByBackend.wasm ?? 0) >= 1 && state;
    }, 60_000);
    expect(moved.backend).toBe('wasm');
    expect(page.problems.some((problem) => problem.includes('the WebGPU device was lost') && problem.includes('running it again on wasm')), page.problems.join(' | ')).toBe(true);
  });
});
