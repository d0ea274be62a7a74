// The invariant of DESIGN.md: with one volunteer and round size 1, a run through the real
// coordinator (wrangler dev) ends with the same weights as the in-process runner on the same seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunProgress } from '../../shared/protocol/index.ts';
import { openDataset } from '../../client/data/dataset-files-node.ts';
import { initBackend } from '../../client/engine/index.ts';
import { runAutoGrow } from '../../client/runner/run-autogrow.ts';
import { coordinatorClient } from '../../client/coordinator/index.ts';
import { executeTask } from '../../client/tasks/execute-task.ts';
import { newVolunteerKey, Volunteer } from '../../client/volunteer/index.ts';
import { createE2eRun, startLocalCoordinator, type LocalCoordinator } from './harness/local-coordinator.ts';
import { e2eRunConfig } from './harness/e2e-run.ts';
import { finalState, largestDifference } from './harness/final-state.ts';

const TOLERANCE = 1e-5;
// Short but complete: growth of two stages, freezes at max depth, one fine-tune epoch, test split.
const base = e2eRunConfig({ roundSize: 1, leaseSeconds: 120 });
const config = { ...base, architecture: { ...base.architecture, maxDepths: [2, 2, 1] }, fineTune: { ...base.fineTune, epochs: 1 } };

describe('one volunteer, round size 1', () => {
  let coordinator: LocalCoordinator;

  beforeAll(async () => {
    await initBackend(['wasm']);
    coordinator = await startLocalCoordinator();
  });

  afterAll(async () => {
    await coordinator?.close();
  });

  it(`ends with the in-process runner's weights (max abs difference ${TOLERANCE})`, async () => {
    const runId = await createE2eRun(coordinator.url, config);
    const volunteer = new Volunteer({ client: coordinatorClient(coordinator.url), runId, volunteerKey: newVolunteerKey(), backend: 'node-wasm', execute: executeTask });
    const end = await volunteer.run();
    expect(end.reason).toBe('finished');
    const progress = (await (await fetch(`${coordinator.url}/api/runs/${runId}`)).json()) as RunProgress;
    const distributed = await finalState(coordinator.url, progress);

    const opened = openDataset(config.dataset);
    if (!opened.ok) throw new Error(opened.error);
    const local = await runAutoGrow(config, opened.value, 'wasm');

    expect(distributed.architecture.depths).toEqual([2, 2, 1]);
    expect(progress.history.map((epoch) => epoch.valAcc)).toEqual(local.report.history.map((epoch) => epoch.valAcc));
    expect(progress.testAcc).toBe(local.report.testAcc);
    expect(distributed.tensors.map((t) => t.name)).toEqual(local.state.tensors.map((t) => t.name));
    expect(largestDifference(distributed, local.state)).toBeLessThanOrEqual(TOLERANCE);
  });
});
