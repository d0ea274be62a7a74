import { describe, expect, it } from 'vitest';
import { runSeries } from './chart-series.ts';
import { finishedRun, smallRun } from './test-progress.ts';

describe('runSeries', () => {
  it('plots each finished epoch at its count of epochs finished', () => {
    const series = runSeries(smallRun());
    expect(series.valAcc).toEqual([{ x: 1, y: 40 }, { x: 2, y: 60 }]);
    expect(series.trainLoss).toEqual([{ x: 1, y: 2 }, { x: 2, y: 1.5 }]);
    expect(series.xMax).toBe(2);
  });

  it('draws each stage as steps from its seed depth through every growth to its current depth', () => {
    const series = runSeries(smallRun());
    expect(series.depths.map((d) => d.steps)).toEqual([
      [{ x: 0, y: 1 }, { x: 1, y: 2 }, { x: 2, y: 2 }],
      [{ x: 0, y: 1 }, { x: 2, y: 1 }],
      [{ x: 0, y: 1 }, { x: 2, y: 1 }],
    ]);
    expect(series.markers).toEqual([{ x: 1, type: 'grow', stage: 0, depth: 2 }]);
  });

  it('keeps x strictly increasing when a stage grows at the right edge', () => {
    const run = smallRun({
      architecture: { ...smallRun().architecture, depths: [2, 2, 1] },
      log: [{ epoch: 1, type: 'grow', stage: 0, depth: 2 }, { epoch: 2, type: 'grow', stage: 1, depth: 2 }],
    });
    expect(runSeries(run).depths[1]!.steps).toEqual([{ x: 0, y: 1 }, { x: 2, y: 2 }]);
  });

  it('on the recorded run: every stage ends at its final depth, frozen, and fine-tuning starts where its epochs do', () => {
    const run = finishedRun();
    const series = runSeries(run);
    expect(series.valAcc).toHaveLength(run.history.length);
    expect(series.depths.map((d) => d.steps.at(-1)!.y)).toEqual(run.architecture.depths);
    expect(series.depths.map((d) => d.steps[0]!.y)).toEqual([1, 1, 1]);
    expect(series.depths.every((d) => d.frozen)).toBe(true);
    const firstFineTune = run.history.find((r) => r.phase === 'fine-tuning')!;
    expect(series.fineTuneFrom).toBe(firstFineTune.epoch);
    expect(series.markers.filter((m) => m.type === 'freeze')).toHaveLength(3);
    for (const { steps } of series.depths) steps.slice(1).forEach((p, i) => expect(p.x).toBeGreaterThan(steps[i]!.x));
  });

  it('shades fine-tuning from the current epoch when it has begun but no fine-tune epoch has finished', () => {
    expect(runSeries(smallRun({ phase: 'fine-tuning' })).fineTuneFrom).toBe(2);
    expect(runSeries(smallRun()).fineTuneFrom).toBeNull();
  });

  it('keeps a one-epoch axis for a run that has not finished an epoch', () => {
    const series = runSeries(smallRun({ epoch: 0, history: [], log: [], architecture: { ...smallRun().architecture, depths: [1, 1, 1] } }));
    expect(series.xMax).toBe(1);
    expect(series.valAcc).toEqual([]);
    expect(series.depths[0]!.steps).toEqual([{ x: 0, y: 1 }, { x: 1, y: 1 }]);
  });
});
