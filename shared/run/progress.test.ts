import { describe, expect, it } from 'vitest';
import { presetConfig } from '../config/presets.ts';
import { datasetFacts, datasetLayout } from '../dataset/index.ts';
import { createRun } from './create-run.ts';
import { activeVolunteers, runProgress, runSummary } from './progress.ts';
import { leaseTask } from './queue.ts';

const tiny = presetConfig('tiny');
if (!tiny.ok) throw new Error(tiny.error);
const config = tiny.value;
const layout = datasetLayout(config.dataset);

describe('run progress', () => {
  it('counts as active only volunteers seen within the lease timeout, latest first', () => {
    const volunteer = (id: string, lastSeen: number) => ({ id, backend: 'webgpu', lastSeen, samples: 0, reports: 0, agreements: 0, strikes: 0 });
    const now = 1_000_000;
    const active = activeVolunteers([volunteer('old', now - 301_000), volunteer('a', now - 300_000), volunteer('b', now - 5)], 300, now);
    expect(active.map((v) => v.id)).toEqual(['b', 'a']);
  });

  it('shows tasks in flight, the epoch progress and a summary line', () => {
    const { run, tasks } = createRun('run-1', { config, layout, now: 0 });
    const leased = [leaseTask(tasks[0]!, 'alice', 0, 300_000).task];
    const progress = runProgress({ run, config, layout, tasks: leased, volunteers: [], now: 0 });
    expect(progress).toMatchObject({
      tasksInFlight: 1, epochProgress: { done: 0, total: 3 }, bestValAcc: null,
      work: { kind: 'train', split: 'train', round: 0, rounds: 3, tasksDone: 0, tasksTotal: 1 },
      architecture: { name: 'Basic3ResNet-1-1-1', family: 'Basic3ResNet', widths: [4, 8, 8], maxDepths: [3, 3, 3] },
    });
    const facts = datasetFacts(config.dataset);
    expect(progress.dataset).toEqual({ name: 'synthetic', input: { height: 12, width: 12, channels: 1 }, classes: 4, mean: facts.mean, std: facts.std });
    expect(facts.mean).toHaveLength(1);
    expect(runSummary(progress)).toEqual({
      id: 'run-1', name: 'tiny', status: 'running', phase: 'growing', architecture: 'Basic3ResNet-1-1-1', epoch: 0, volunteers: 0,
      noiseScale: null, epochProgress: { done: 0, total: 3 }, bestValAcc: null, testAcc: null, createdAt: 0, group: null,
    });
  });
});
