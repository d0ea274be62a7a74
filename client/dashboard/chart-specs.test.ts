import { describe, expect, it } from 'vitest';
import { runCharts } from './chart-specs.ts';
import { runSeries } from './chart-series.ts';
import { finishedRun, smallRun } from './test-progress.ts';

describe('runCharts', () => {
  it('fits the accuracy axis to the data in steps of 5 within 0-100', () => {
    expect(runCharts(runSeries(smallRun())).accuracy.yDomain).toEqual([35, 65]);
    expect(runCharts(runSeries(smallRun({ history: [] }))).accuracy.yDomain).toEqual([0, 100]);
  });

  it('gives the depth chart one step series per stage, labelled 1-based, in its own color, and only the freeze markers', () => {
    const charts = runCharts(runSeries(finishedRun()));
    expect(charts.depth.series.map((s) => s.label)).toEqual(['stage 1 (frozen)', 'stage 2 (frozen)', 'stage 3 (frozen)']);
    expect(charts.depth.series.map((s) => s.color)).toEqual(['--stage-0', '--stage-1', '--stage-2']);
    expect(charts.depth.series.every((s) => s.shape === 'step' && !s.dots)).toBe(true);
    expect(charts.depth.markers.every((m) => m.type === 'freeze')).toBe(true);
    expect(charts.depth.yDomain).toEqual([0, 9]);
    expect(charts.accuracy.markers.length).toBe(finishedRun().log.length);
  });

  it('spreads the stages\' lines 2.5 px apart around the middle one', () => {
    expect(runCharts(runSeries(smallRun())).depth.series.map((s) => s.nudge)).toEqual([-2.5, 0, 2.5]);
    expect(runCharts(runSeries(smallRun())).accuracy.series[0]!.nudge).toBe(0);
  });
});
