import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig } from '../../shared/config/presets.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import type { TrainTask } from '../../shared/protocol/index.ts';
import { memoryRun } from '../../shared/run/index.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import { initBackend } from '../engine/index.ts';
import { executeTask } from './execute-task.ts';
import { VolunteerMemory } from './volunteer-memory.ts';

function tinyRun(trainReplication: number) {
  const tiny = presetConfig('tiny');
  if (!tiny.ok) throw new Error(tiny.error);
  const config: RunConfig = { ...tiny.value, fleet: { ...tiny.value.fleet, roundSize: 2, deltaEncodings: ['int8'], trainReplication } };
  const source = openDataset(config.dataset);
  if (!source.ok) throw new Error(source.error);
  const driver = memoryRun('0123456789abcdef0123456789abcdef', config, 0);
  const tasks = ['a', 'b'].map((name) => {
    const leased = driver.lease({ volunteerKey: `${name}-execute-task-test-key`.padEnd(32, '0'), backend: 'wasm' }, 1);
    if (!leased.ok || leased.value.kind !== 'task') throw new Error(`no task for ${name}: ${JSON.stringify(leased)}`);
    return driver.view(leased.value.task, leased.value.lease, 'token') as TrainTask;
  });
  const inputs = (task: TrainTask) => ({ state: driver.live.state, shards: task.shards.map((shard) => source.value.shard(shard)) });
  return { tasks, inputs };
}

/** A volunteer that did another task first: it carries momentum and an int8 residual. */
async function seasoned(run: ReturnType<typeof tinyRun>): Promise<VolunteerMemory> {
  const memory = new VolunteerMemory();
  await executeTask(run.tasks[1]!, run.inputs(run.tasks[1]!), memory, () => {});
  return memory;
}

describe('executeTask', () => {
  beforeAll(async () => {
    await initBackend(['wasm']);
  });

  it('computes a reproducible task from the task alone: a fresh volunteer and one with momentum and a residual report the same bytes', async () => {
    const run = tinyRun(1);
    const [task] = run.tasks;
    expect(task!.reproducible).toBe(true);
    const fresh = await executeTask(task!, run.inputs(task!), new VolunteerMemory(), () => {});
    const other = await executeTask(task!, run.inputs(task!), await seasoned(run), () => {});
    expect(other.payload).toEqual(fresh.payload);
    expect(other.measurement).toMatchObject({ encoding: 'int8', samples: fresh.measurement.samples, loss: fresh.measurement.loss });
  });

  it('carries the volunteer\'s momentum and residual into a task of a run that does not replicate train tasks', async () => {
    const run = tinyRun(0);
    const [task] = run.tasks;
    expect(task!.reproducible).toBe(false);
    const fresh = await executeTask(task!, run.inputs(task!), new VolunteerMemory(), () => {});
    const other = await executeTask(task!, run.inputs(task!), await seasoned(run), () => {});
    expect(other.payload).not.toEqual(fresh.payload);
  });
});
