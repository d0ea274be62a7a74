// End to end, churn: a Node volunteer is killed (SIGKILL) right after it leased a train task; its
// lease expires, another volunteer trains that shard, and every epoch still passes over every
// training image exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVolunteer, type VolunteerProcess } from '../../client/cli/volunteer-process.ts';
import { createE2eRun, startLocalCoordinator, type LocalCoordinator } from './harness/local-coordinator.ts';
import { e2eRunConfig, trainSplitSize } from './harness/e2e-run.ts';
import { RunTimeline } from './harness/run-timeline.ts';
import { waitFor } from './harness/wait-for.ts';

/** The shortest lease the config allows, so the dead volunteer's task comes back quickly. */
const config = e2eRunConfig({ roundSize: 6, leaseSeconds: 5 });

describe('a volunteer that dies mid-task', () => {
  let coordinator: LocalCoordinator;
  const volunteers: VolunteerProcess[] = [];

  beforeAll(async () => {
    coordinator = await startLocalCoordinator();
  });

  afterAll(async () => {
    await Promise.all(volunteers.map((volunteer) => volunteer.stop()));
    await coordinator?.close();
  });

  it('loses nothing: its lease expires, another volunteer trains the shard, the run completes', async () => {
    const runId = await createE2eRun(coordinator.url, config);
    const timeline = new RunTimeline(coordinator.url, runId);

    let killedTask: string | null = null;
    const doomed = startVolunteer(coordinator.url, runId, (line) => {
      const leased = / leased (t\d+) \(train,/.exec(line);
      if (leased && killedTask === null) {
        killedTask = leased[1]!;
        doomed.child.kill('SIGKILL');
      }
    });
    volunteers.push(doomed);
    await doomed.exited;
    expect(killedTask, 'the volunteer was killed after leasing a train task').not.toBeNull();
    timeline.mark(`volunteer killed holding ${killedTask}`);
    const afterKill = await timeline.poll();
    expect(afterKill?.tasksInFlight, 'the dead volunteer still holds its lease').toBe(1);

    const survivorLines: string[] = [];
    const survivor = startVolunteer(coordinator.url, runId, (line) => survivorLines.push(line));
    volunteers.push(survivor);
    timeline.mark('second volunteer started');
    timeline.start();
    const done = await waitFor('the run to finish', async () => {
      const progress = await timeline.poll();
      return progress?.status === 'done' && progress;
    }, 180_000, 500);
    await timeline.stop();
    const redone = survivorLines.find((line) => line.includes(` ${killedTask} train: `));
    timeline.mark(`the killed volunteer's task: ${redone?.replace(/^\S+ /, '') ?? 'never trained'}`);
    console.log(`churn run ${runId}: ${done.architecture.name}, test accuracy ${done.testAcc}%\n${timeline.print()}`);

    expect(redone, survivorLines.slice(-20).join('\n')).toMatch(/accepted$/);
    expect(done.doneReason).toBe('finished');
    expect(done.history.length).toBeGreaterThan(0);
    for (const epoch of done.history) expect(epoch.samples, `train images of epoch ${epoch.epoch}`).toBe(trainSplitSize(config));
    expect(await survivor.exited).toBe(0);
  });
});
