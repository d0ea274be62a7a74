// End to end: the page's WebGPU device is lost mid-task (destroyed from inside its worker, as a
// GPU reset would); the page switches to WASM, runs the task again, and the report is accepted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_TOKEN, freePort, startCoordinator, type CoordinatorProcess } from '../../client/cli/coordinator-process.ts';
import { createRun } from '../../client/cli/run-admin.ts';
import { launchChromium } from './harness/browser.ts';
import { openContributePage } from './harness/contribute-page.ts';
import { e2eRunConfig } from './harness/e2e-run.ts';
import { waitFor } from './harness/wait-for.ts';

const config = e2eRunConfig({ roundSize: 6, leaseSeconds: 600 });

describe('a lost WebGPU device', () => {
  let persistTo: string;
  let coordinator: CoordinatorProcess;
  let browser: Browser | null = null;

  beforeAll(async () => {
    persistTo = mkdtempSync(join(tmpdir(), 'autogrow-e2e-'));
    const started = await startCoordinator({ port: await freePort(), persistTo });
    if (!started.ok) throw new Error(started.error);
    coordinator = started.coordinator;
  });

  afterAll(async () => {
    await browser?.close();
    await coordinator?.stop();
    rmSync(persistTo, { recursive: true, force: true });
  });

  it('moves the page to WASM, which runs the task again', async () => {
    const created = await createRun(coordinator.url, DEV_ADMIN_TOKEN, { config });
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
