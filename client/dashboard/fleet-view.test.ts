import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/protocol/index.ts';
import { EMPTY_FLEET, sampleFleet } from './fleet-series.ts';
import { fleetView } from './fleet-view.ts';

const run = (id: string, name: string, patch: Partial<RunSummary> = {}): RunSummary => ({
  id, name, group: null, status: 'running', phase: 'growing', architecture: 'Basic3ResNet-1-1-1', epoch: 0, volunteers: 0,
  noiseScale: null, epochProgress: { done: 0, total: 3 }, bestValAcc: null, testAcc: null, createdAt: 0, ...patch,
});

describe('fleetView', () => {
  const at = (minutes: number) => 1_000_000 + minutes * 60_000;
  const first = [run('aaaaaa11', 'K=2', { volunteers: 3 }), run('bbbbbb22', 'K=2', { volunteers: 1 }), run('c', 'mnist-demo', { status: 'paused' })];
  const second = [run('aaaaaa11', 'K=2', { status: 'done' }), run('bbbbbb22', 'K=2', { volunteers: 5 }), run('d', 'tiny', { volunteers: 2 })];
  const series = sampleFleet(sampleFleet(EMPTY_FLEET, first, at(0)), second, at(2));

  it("plots each running run's volunteers and their total against minutes since the first sample", () => {
    const { chart } = fleetView(series, second);
    expect(chart.series.map((s) => s.label)).toEqual(['K=2 (aaaaaa)', 'K=2 (bbbbbb)', 'tiny', 'all runs']);
    expect(chart.series.map((s) => s.points)).toEqual([
      [{ x: 0, y: 3 }],
      [{ x: 0, y: 1 }, { x: 2, y: 5 }],
      [{ x: 2, y: 2 }],
      [{ x: 0, y: 4 }, { x: 2, y: 7 }],
    ]);
    expect(chart.series.map((s) => s.color)).toEqual(['--run-0', '--run-1', '--run-2', '--text']);
    // A lone sample has no step to draw: it is a dot.
    expect(chart.series.map((s) => s.dots)).toEqual([true, false, true, false]);
    expect(chart).toMatchObject({ xMax: 5, yDomain: [0, 8], yIntegers: true, markers: [], fineTuneFrom: null });
  });

  it('widens the time axis once the page has been open longer than its first five minutes', () => {
    expect(fleetView(sampleFleet(series, second, at(12.5)), second).chart.xMax).toBe(12.5);
  });

  it('spreads equal lines a few pixels apart, never more than 12 px in all', () => {
    const nudges = fleetView(series, second).chart.series.map((s) => s.nudge);
    expect(nudges).toEqual([-3, -1, 1, 3]);
    const many = Array.from({ length: 30 }, (_, i) => run(`r${i}`, `run ${i}`, { volunteers: 1 }));
    const spread = fleetView(sampleFleet(EMPTY_FLEET, many, 0), many).chart.series.map((s) => s.nudge);
    expect(Math.max(...spread) - Math.min(...spread)).toBeCloseTo(12);
  });

  it('says how many volunteers work on how many running runs, and what the other runs are doing', () => {
    expect(fleetView(series, second).summary).toBe('7 volunteers at work on 2 running runs; 1 done');
    expect(fleetView(series, first).summary).toBe('4 volunteers at work on 2 running runs; 1 paused');
    expect(fleetView(EMPTY_FLEET, []).summary).toBe('0 volunteers at work on 0 running runs');
  });
});
