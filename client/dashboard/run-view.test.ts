import { describe, expect, it } from 'vitest';
import { multiplyAccumulates, parameterCount } from '../../shared/architecture/index.ts';
import { formatCount } from './format.ts';
import { runView } from './run-view.ts';
import { finishedRun, smallRun } from './test-progress.ts';

describe('runView', () => {
  it('names the architecture and counts its parameters and multiply-accumulates on the run\'s dataset', () => {
    const view = runView(smallRun());
    const spec = { family: 'Basic3ResNet' as const, depths: [2, 1, 1], widths: [4, 8, 8], input: { height: 12, width: 12, channels: 1 }, classes: 4 };
    expect(view.architecture).toBe('Basic3ResNet-2-1-1');
    expect(view.parameters).toBe(formatCount(parameterCount(spec)));
    expect(view.multiplyAccumulates).toBe(formatCount(multiplyAccumulates(spec)));
    const color = runView(smallRun({ dataset: { ...smallRun().dataset, input: { height: 12, width: 12, channels: 3 }, classes: 10 } }));
    expect(color.parameters).toBe(formatCount(parameterCount({ ...spec, input: { height: 12, width: 12, channels: 3 }, classes: 10 })));
  });

  it('reports the fleet, the last epoch\'s throughput and samples, and the current epoch\'s progress', () => {
    const view = runView(smallRun());
    expect(view.volunteers).toBe('1');
    expect(view.fleetNote).toBe('1 task in flight.');
    expect(runView(smallRun({ volunteers: [] })).fleetNote).toMatch(/^No volunteer is working on this run/);
    expect(view.fleet).toEqual([{ id: 'v1', backend: 'wasm', samples: '2.00 k', reports: '2', lastSeen: '5 s ago' }]);
    expect(view.imagesPerSecond).toBe('80.0 img/s');
    expect(view.samplesPerEpoch).toBe('1.00 k');
    expect(view.progress).toEqual({ fraction: 0.25, label: 'epoch 3: 1 of 4 train shards' });
    expect(view.elapsed).toBe('1 min 35 s');
  });

  it('shows validation and test passes by their shards, and a pause in the label', () => {
    const validating = smallRun({ status: 'paused', work: { kind: 'eval', split: 'val', round: 0, rounds: 1, tasksDone: 1, tasksTotal: 2 } });
    expect(runView(validating).progress).toEqual({ fraction: 0.5, label: 'epoch 3: validating, 1 of 2 shards (paused)' });
    expect(runView(validating).status).toBe('paused');
  });

  it('gives a finished run a full bar and its test accuracy, and a cancelled one its own status', () => {
    const done = runView(finishedRun());
    expect(done.progress).toEqual({ fraction: 1, label: 'finished' });
    expect(done.testAcc).toBe('91.37%');
    expect(done.architecture).toBe('Basic3ResNet-8-7-8');
    expect(done.phase).toBe('');
    const cancelled = runView(smallRun({ status: 'done', doneReason: 'cancelled', phase: 'growing' }));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress.label).toBe('cancelled');
  });
});
