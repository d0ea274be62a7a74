// End to end: stopping a volunteer mid-task gives its lease back at once, on the page (Stop) and
// in Node (Ctrl-C), so the task goes to the next volunteer now rather than at its deadline.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVolunteer } from '../../client/cli/volunteer-process.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import { launchChromium } from './harness/browser.ts';
import { openContributePage } from './harness/contribute-page.ts';
import { createE2eRun, startLocalCoordinator, type LocalCoordinator } from './harness/local-coordinator.ts';
import { e2eRunConfig } from './harness/e2e-run.ts';
import { waitFor } from './harness/wait-for.ts';

/** Far longer than the test: a lease that comes back did so because it was given back. */
const config = e2eRunConfig({ roundSize: 6, leaseSeconds: 600 });

describe('stopping a volunteer', () => {
  let coordinator: LocalCoordinator;
  let browser: Browser | null = null;
  let runId: string;
  const progress = async (): Promise<RunProgress> => (await fetch(`${coordinator.url}/api/runs/${runId}`)).json() as Promise<RunProgress>;

  beforeAll(async () => {
    coordinator = await startLocalCoordinator();
    runId = await createE2eRun(coordinator.url, config);
  });

  afterAll(async () => {
    await browser?.close();
    await coordinator?.close();
  });

  it('Stop on the page gives back the lease of the task it was training', async () => {
    // WebGPU on SwiftShader takes seconds per batch: time enough to press Stop mid-task.
    browser = await launchChromium({ webgpu: true });
    const page = await openContributePage(browser, coordinator.url, runId);
    await waitFor('the page to train a task', async () => {
      const state = await page.state();
      return state.activity === 'training' && state.taskKind === 'train';
    }, 90_000);
    expect((await progress()).tasksInFlight).toBe(1);
    await page.page.click('#stop');
    await waitFor('the page to stop', async () => (await page.state()).activity === 'stopped', 30_000);
    expect((await progress()).tasksInFlight, page.problems.join(' | ')).toBe(0);
    expect(await page.page.isEnabled('#contribute'), 'Contribute can start again').toBe(true);
  });

  it('Ctrl-C in the Node volunteer leaves no lease behind and exits cleanly', async () => {
    const lines: string[] = [];
    const volunteer = startVolunteer(coordinator.url, runId, (line) => lines.push(line));
    await waitFor('the volunteer to lease a task', async () => lines.some((line) => / leased t\d+ /.test(line)), 60_000);
    // SIGINT is the terminal's Ctrl-C: the task in hand is given back (or, if it was done, reported).
    expect(await volunteer.stop(), lines.join('\n')).toBe(0);
    expect(lines.some((line) => line.includes(' stopping'))).toBe(true);
    expect((await progress()).tasksInFlight, lines.join('\n')).toBe(0);
  });
});
