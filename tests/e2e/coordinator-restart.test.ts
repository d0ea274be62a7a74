// End to end: the coordinator goes down mid-run and comes back on the same port with the same
// storage; the Node volunteer rides it out (backoff and retry) and the run still completes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_TOKEN, freePort, startCoordinator, type CoordinatorProcess } from '../../client/cli/coordinator-process.ts';
import { coordinatorClient } from '../../client/coordinator/index.ts';
import { startVolunteer, type VolunteerProcess } from '../../client/cli/volunteer-process.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import { e2eRunConfig, trainSplitSize } from './harness/e2e-run.ts';
import { waitFor } from './harness/wait-for.ts';

// A lease granted just as the coordinator went down never reaches the volunteer; it comes back
// only when it expires, so a short lease keeps the test short.
const config = e2eRunConfig({ roundSize: 6, leaseSeconds: 10 });

describe('a coordinator restart', () => {
  const persistTo = mkdtempSync(join(tmpdir(), 'autogrow-e2e-'));
  let coordinator: CoordinatorProcess | null = null;
  let volunteer: VolunteerProcess | null = null;

  afterAll(async () => {
    await volunteer?.stop();
    await coordinator?.stop();
    rmSync(persistTo, { recursive: true, force: true });
  });

  async function start(port: number): Promise<CoordinatorProcess> {
    const started = await startCoordinator({ port, persistTo });
    if (!started.ok) throw new Error(started.error);
    return started.value;
  }

  it('is ridden out by the volunteer, and the run completes from the stored state', async () => {
    const port = await freePort();
    coordinator = await start(port);
    const created = await coordinatorClient(coordinator.url, { adminToken: DEV_ADMIN_TOKEN }).createRun({ config });
    if (!created.ok) throw new Error(created.error);
    const url = coordinator.url;
    const lines: string[] = [];
    volunteer = startVolunteer(url, created.value.id, (line) => lines.push(line));
    await waitFor('a first accepted task', async () => lines.some((line) => line.endsWith('accepted')), 60_000);

    await coordinator.stop();
    coordinator = null;
    await waitFor('the volunteer to notice', async () => lines.some((line) => line.includes('cannot reach the coordinator')), 30_000);
    coordinator = await start(port);

    const done = await waitFor('the run to finish', async () => {
      const progress = (await (await fetch(`${url}/api/runs/${created.value.id}`)).json()) as RunProgress;
      return progress.status === 'done' && progress;
    }, 120_000, 500);
    expect(await volunteer.exited, lines.slice(-15).join('\n')).toBe(0);
    console.log(`the volunteer around the restart:\n${lines.filter((line) => !/ leased | train: | eval: /.test(line)).join('\n')}`);
    expect(done.doneReason).toBe('finished');
    for (const epoch of done.history) expect(epoch.samples, `train images of epoch ${epoch.epoch}`).toBe(trainSplitSize(config));
    // A download in flight when the coordinator stops breaks off mid-body; the volunteer retries it too.
    const problems = lines.filter((line) => line.includes('problem:'));
    expect(problems.every((line) => /cannot reach the coordinator|the download broke off|trying again|gave up|410|409/.test(line)), problems.join('\n')).toBe(true);
  });
});
