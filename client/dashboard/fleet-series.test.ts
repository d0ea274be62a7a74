import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/protocol/index.ts';
import { EMPTY_FLEET, fleetTotals, sampleFleet } from './fleet-series.ts';

const run = (id: string, patch: Partial<RunSummary> = {}): RunSummary => ({
  id, name: `run ${id}`, group: null, status: 'running', phase: 'growing', architecture: 'Basic3ResNet-1-1-1', epoch: 0, volunteers: 0,
  noiseScale: null, epochProgress: { done: 0, total: 3 }, bestValAcc: null, testAcc: null, createdAt: 0, ...patch,
});

describe('sampleFleet', () => {
  it('keeps one value per sample for each running run, and null before it ran and after it stopped', () => {
    let series = sampleFleet(EMPTY_FLEET, [run('a', { volunteers: 3 }), run('p', { status: 'paused', volunteers: 0 })], 1000);
    series = sampleFleet(series, [run('a', { volunteers: 2 }), run('b', { volunteers: 4 })], 2000);
    series = sampleFleet(series, [run('a', { status: 'done' }), run('b', { volunteers: 6 })], 3000);
    expect(series.times).toEqual([1000, 2000, 3000]);
    expect(series.runs).toEqual([
      { id: 'a', name: 'run a', volunteers: [3, 2, null] },
      { id: 'b', name: 'run b', volunteers: [null, 4, 6] },
    ]);
    expect(fleetTotals(series)).toEqual([3, 6, 6]);
  });

  it('counts a run that left the list as stopped', () => {
    const series = sampleFleet(sampleFleet(EMPTY_FLEET, [run('a', { volunteers: 1 })], 0), [], 10);
    expect(series.runs[0]!.volunteers).toEqual([1, null]);
    expect(fleetTotals(series)).toEqual([1, 0]);
  });

  it('drops the oldest samples past its limit, and the runs that were running only in them', () => {
    let series = sampleFleet(EMPTY_FLEET, [run('old', { volunteers: 5 })], 0, 2);
    series = sampleFleet(series, [run('new', { volunteers: 1 })], 1, 2);
    expect(series.runs.map((r) => r.id)).toEqual(['old', 'new']);
    series = sampleFleet(series, [run('new', { volunteers: 2 })], 2, 2);
    expect(series).toEqual({ times: [1, 2], runs: [{ id: 'new', name: 'run new', volunteers: [1, 2] }] });
  });
});
