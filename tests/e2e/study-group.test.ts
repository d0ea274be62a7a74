// End to end: the tiny study for two seeds submitted to a coordinator (wrangler dev) as a group of
// runs, trained by two pages and two headless Node volunteers that name no run. The coordinator
// assigns each volunteer a run, so runs of the group train side by side; a dependent run is
// created once the run it needs is done; every run ends with the in-process runner's result on its
// config, and the results are read back into the study's table.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../client/cli/coordinator-process.ts';
import { startVolunteer, type VolunteerProcess } from '../../client/cli/volunteer-process.ts';
import { coordinatorClient, DEV_ADMIN_TOKEN, type CoordinatorClient } from '../../client/coordinator/index.ts';
import { openDataset } from '../../client/data/dataset-files-node.ts';
import { prepareDataset } from '../../client/data/prepare-node.ts';
import { initBackend } from '../../client/engine/index.ts';
import { runAutoGrow } from '../../client/runner/run-autogrow.ts';
import { coordinatorExecutor } from '../../client/study/coordinator-executor.ts';
import { groupRuns } from '../../client/study/group-runs.ts';
import { folderStore } from '../../client/study/result-store.ts';
import { runStudy } from '../../client/study/run-study.ts';
import { tinyStudy } from '../../client/study/studies/tiny.ts';
import type { Study } from '../../client/study/study.ts';
import { presetConfig } from '../../shared/config/presets.ts';
import type { RunConfigInput } from '../../shared/config/run-config.ts';
import { launchChromium } from './harness/browser.ts';
import { openContributePage, type ContributePage } from './harness/contribute-page.ts';
import { finalState, largestDifference } from './harness/final-state.ts';
import { startLocalCoordinator, type LocalCoordinator } from './harness/local-coordinator.ts';

const ARTIFACTS = resolve(REPO_ROOT, 'artifacts');
/** The tolerance of distributed-equals-in-process.test.ts. */
const TOLERANCE = 1e-5;
const SEEDS = [1, 2];

/**
 * One volunteer's worth of work in every round (round size 1, one copy of each eval task): a run
 * has room for one volunteer and keeps it from start to end. The momentum of a run's training
 * lives with its volunteer, so only then does the run match the in-process runner, which plays
 * one volunteer throughout.
 */
const oneVolunteer = (config: RunConfigInput): RunConfigInput => ({ ...config, fleet: { ...config.fleet, roundSize: 1, evalReplicas: 1 } });
const study: Study = { ...tinyStudy, variants: tinyStudy.variants.map((variant) => ({ ...variant, config: (context) => oneVolunteer(variant.config(context)) })) };

/** When each run of the group was seen to train: the first and the last poll at which its images grew. */
class TrainingWindows {
  readonly windows = new Map<string, { first: number; last: number; samples: number }>();
  readonly #client: CoordinatorClient;
  #timer: ReturnType<typeof setInterval> | null = null;
  #polling: Promise<unknown> = Promise.resolve();

  constructor(client: CoordinatorClient) {
    this.#client = client;
  }

  start(everyMs = 500): void {
    this.#timer = setInterval(() => (this.#polling = this.#polling.then(() => this.#poll())), everyMs);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#polling;
  }

  /** Two runs that each grew while the other was between its first and last growth. */
  overlapping(): [string, string] | null {
    const runs = [...this.windows.entries()];
    for (const [a, wa] of runs) for (const [b, wb] of runs) if (a < b && wa.first < wb.last && wb.first < wa.last) return [a, b];
    return null;
  }

  async #poll(): Promise<void> {
    const listed = await this.#client.listRuns();
    if (!listed.ok) return;
    for (const summary of listed.value.filter((run) => run.status === 'running')) {
      const progress = await this.#client.runProgress(summary.id);
      if (!progress.ok) continue;
      const now = Date.now();
      const seen = this.windows.get(summary.id);
      if (progress.value.samplesProcessed === (seen?.samples ?? 0)) continue;
      this.windows.set(summary.id, { first: seen?.first ?? now, last: now, samples: progress.value.samplesProcessed });
    }
  }
}

describe('a study on a coordinator, trained by volunteers the coordinator assigns', () => {
  let coordinator: LocalCoordinator;
  let browser: Browser | null = null;
  const volunteers: VolunteerProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'autogrow-study-e2e-'));

  beforeAll(async () => {
    // The tiny study's runs train on the tiny preset's data: its shards are served next to the pages.
    const tiny = presetConfig('tiny');
    if (!tiny.ok) throw new Error(tiny.error);
    const prepared = prepareDataset(tiny.value.dataset, resolve(REPO_ROOT, 'dist/client'), undefined, { progress: () => {} });
    if (!prepared.ok) throw new Error(prepared.error);
    await initBackend(['wasm']);
    coordinator = await startLocalCoordinator();
  });

  afterAll(async () => {
    await Promise.all(volunteers.map((v) => v.stop()));
    await browser?.close();
    await coordinator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trains runs of the group side by side, each to the in-process result, and reads their results', async () => {
    const client = coordinatorClient(coordinator.url, { adminToken: DEV_ADMIN_TOKEN });
    // The fleet comes first and names no run: until the study is submitted, no run has room.
    browser = await launchChromium({ webgpu: false });
    const pages: ContributePage[] = [];
    for (let i = 0; i < 2; i++) pages.push(await openContributePage(browser, coordinator.url, null, '&backend=wasm'));
    const nodeLines: string[][] = [[], []];
    for (const lines of nodeLines) volunteers.push(startVolunteer(coordinator.url, null, (line) => lines.push(line)));
    const windows = new TrainingWindows(client);
    windows.start();

    const log: string[] = [];
    let results;
    try {
      results = await runStudy(study, SEEDS, coordinatorExecutor(client, 'tiny', { pollSeconds: 1, log: (line) => log.push(line) }), folderStore(join(dir, 'runs')));
    } finally {
      await windows.stop();
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await pages[0]!.page.screenshot({ path: join(ARTIFACTS, 'contribute-assigned.png'), fullPage: true });
    const pageStates = await Promise.all(pages.map((page) => page.state()));
    await Promise.all(volunteers.map((v) => v.stop()));
    await browser.close();
    browser = null;

    const group = await groupRuns(client, 'tiny');
    if (!group.ok) throw new Error(group.error);
    console.log([
      ...group.value.map((run) => `${run.config.name} seed ${run.config.seed} (${run.id}): trained by ${run.progress.volunteers.map((v) => `${v.id} on ${v.backend} (${v.reports} reports)`).join(', ')}`),
      ...[...windows.windows].map(([id, w]) => `${id} trained from ${new Date(w.first).toISOString()} to ${new Date(w.last).toISOString()}`),
      ...pageStates.map((state, i) => `page ${i}: run ${state.runId}, ${state.assignment}, ${state.tasksDone} tasks; problems: ${pages[i]!.problems.join(' | ') || 'none'}`),
      ...nodeLines.map((lines, i) => `node ${i}: ${lines.filter((line) => line.includes('working for run') || line.includes('no run has room')).join(' / ')}`),
    ].join('\n'));

    expect(log).toHaveLength(4);
    for (const seed of SEEDS) {
      const grown = results.get('grown')!.find((result) => result.config.seed === seed)!;
      const scratch = results.get('found net from scratch')!.find((result) => result.config.seed === seed)!;
      expect(grown.place.where).toBe(coordinator.url);
      expect(grown.testAcc).not.toBeNull();
      expect(scratch.config.architecture.seedDepths).toEqual(grown.depths);
    }
    expect(group.value.map((run) => run.config.name).sort()).toEqual(['found net from scratch', 'found net from scratch', 'grown', 'grown']);
    expect(group.value.every((run) => run.progress.status === 'done')).toBe(true);
    expect(windows.overlapping(), 'two runs of the group training at the same time').not.toBeNull();
    // Every volunteer was told something by the coordinator: a run and why, or that none had room.
    for (const state of pageStates) expect(state.assignment).not.toBe('');
    for (const lines of nodeLines) expect(lines.some((line) => / working for run [0-9a-f]{32} \(first\)$/.test(line) || line.endsWith('no run has room for another volunteer; waiting'))).toBe(true);

    for (const run of group.value) {
      const opened = openDataset(run.config.dataset);
      if (!opened.ok) throw new Error(opened.error);
      const local = await runAutoGrow(run.config, opened.value, 'wasm');
      const distributed = await finalState(coordinator.url, run.progress);
      const label = `${run.config.name} seed ${run.config.seed}`;
      expect(run.progress.history.map((epoch) => epoch.valAcc), label).toEqual(local.report.history.map((epoch) => epoch.valAcc));
      expect(run.progress.testAcc, label).toBe(local.report.testAcc);
      expect(distributed.tensors.map((t) => t.name), label).toEqual(local.state.tensors.map((t) => t.name));
      expect(largestDifference(distributed, local.state), label).toBeLessThanOrEqual(TOLERANCE);
    }

    // Run again with an empty store: the group's runs are found on the coordinator, none is submitted twice.
    const again: string[] = [];
    const resumed = await runStudy(study, SEEDS, coordinatorExecutor(client, 'tiny', { pollSeconds: 1, log: (line) => again.push(line) }), folderStore(join(dir, 'elsewhere')));
    expect(again).toEqual([]);
    expect(resumed.get('grown')!.map((result) => result.key).sort()).toEqual(results.get('grown')!.map((result) => result.key).sort());
  }, 900_000);
});
