// End to end: the tiny study submitted to a coordinator (wrangler dev) as a group of runs, each
// trained by a headless Node volunteer, its dependent run created once the run it needs is done,
// and the results read back into the study's table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../client/cli/coordinator-process.ts';
import { startVolunteer, type VolunteerProcess } from '../../client/cli/volunteer-process.ts';
import { coordinatorClient, DEV_ADMIN_TOKEN } from '../../client/coordinator/index.ts';
import { prepareDataset } from '../../client/data/prepare-node.ts';
import { coordinatorExecutor } from '../../client/study/coordinator-executor.ts';
import { groupRuns } from '../../client/study/group-runs.ts';
import { folderStore } from '../../client/study/result-store.ts';
import { runStudy } from '../../client/study/run-study.ts';
import { tinyStudy } from '../../client/study/studies/tiny.ts';
import { presetConfig } from '../../shared/config/presets.ts';
import { startLocalCoordinator, type LocalCoordinator } from './harness/local-coordinator.ts';

describe('a study on a coordinator', () => {
  let coordinator: LocalCoordinator;
  const volunteers = new Map<string, VolunteerProcess>();
  const dir = mkdtempSync(join(tmpdir(), 'autogrow-study-e2e-'));

  beforeAll(async () => {
    // The tiny study's runs train on the tiny preset's data: its shards are served next to the pages.
    const tiny = presetConfig('tiny');
    if (!tiny.ok) throw new Error(tiny.error);
    const prepared = prepareDataset(tiny.value.dataset, resolve(REPO_ROOT, 'dist/client'), undefined, { progress: () => {} });
    if (!prepared.ok) throw new Error(prepared.error);
    coordinator = await startLocalCoordinator();
  });

  afterAll(async () => {
    await Promise.all([...volunteers.values()].map((v) => v.stop()));
    await coordinator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('submits the runs as the group, waits for the fleet to train them, and reads their results', async () => {
    const client = coordinatorClient(coordinator.url, { adminToken: DEV_ADMIN_TOKEN });
    // An operator's part: a volunteer for every run of the group that is running.
    const recruit = setInterval(async () => {
      const runs = await groupRuns(client, 'tiny');
      if (!runs.ok) return;
      for (const run of runs.value) {
        if (run.progress.status === 'running' && !volunteers.has(run.id)) volunteers.set(run.id, startVolunteer(coordinator.url, run.id, () => {}));
      }
    }, 1000);
    const log: string[] = [];
    let results;
    try {
      results = await runStudy(tinyStudy, [1], coordinatorExecutor(client, 'tiny', { pollSeconds: 1, log: (line) => log.push(line) }), folderStore(join(dir, 'runs')));
    } finally {
      clearInterval(recruit);
    }
    const [grown] = results.get('grown')!;
    const [scratch] = results.get('found net from scratch')!;
    expect(log).toHaveLength(2);
    expect(grown!.place.where).toBe(coordinator.url);
    expect(grown!.testAcc).not.toBeNull();
    expect(scratch!.config.architecture.seedDepths).toEqual(grown!.depths);
    expect(scratch!.epochs).toBe(grown!.epochs);

    const group = await groupRuns(client, 'tiny');
    if (!group.ok) throw new Error(group.error);
    expect(group.value.map((run) => run.config.name).sort()).toEqual(['found net from scratch', 'grown']);
    expect(group.value.every((run) => run.progress.status === 'done')).toBe(true);

    // Run again with an empty store: the group's runs are found on the coordinator, none is submitted twice.
    const again: string[] = [];
    const resumed = await runStudy(tinyStudy, [1], coordinatorExecutor(client, 'tiny', { pollSeconds: 1, log: (line) => again.push(line) }), folderStore(join(dir, 'elsewhere')));
    expect(again).toEqual([]);
    expect(resumed.get('grown')![0]!.key).toBe(grown!.key);
  });
});
