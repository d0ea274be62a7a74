import { describe, expect, it } from 'vitest';
import { architectureCounts, progressArchitecture } from '../../shared/export/index.ts';
import { budgetText } from './budget-view.ts';
import { runSeries } from './chart-series.ts';
import { runCharts } from './chart-specs.ts';
import { costChart } from './cost-chart.ts';
import { formatCount } from './format.ts';
import { smallRun } from './test-progress.ts';

const noLimit = { parameters: null, multiplyAccumulates: null, latencyMs: null };
/** smallRun grown once more, in stage 1, and then stage 2 stopped at a parameter budget. */
const budgeted = () => {
  const run = smallRun({
    epoch: 3,
    architecture: { ...smallRun().architecture, name: 'Basic3ResNet-2-2-1', depths: [2, 2, 1] },
    log: [
      { epoch: 1, type: 'grow', stage: 0, depth: 2 },
      { epoch: 2, type: 'grow', stage: 1, depth: 2 },
      { epoch: 3, type: 'budget', stage: 2, depth: 1, measure: 'parameters', cost: 5000, limit: 4000 },
    ],
  });
  const counts = (depths: number[]) => architectureCounts(progressArchitecture({ ...run, architecture: { ...run.architecture, depths } }));
  return { run, counts };
};

describe('the cost series and chart', () => {
  it('counts the network wherever a stage changes depth, on the run\'s input shape', () => {
    const { run, counts } = budgeted();
    expect(runSeries(run).cost).toEqual([
      { x: 0, ...counts([1, 1, 1]) }, { x: 1, ...counts([2, 1, 1]) }, { x: 2, ...counts([2, 2, 1]) }, { x: 3, ...counts([2, 2, 1]) },
    ]);
  });

  it('has no chart without a parameter or MAC limit (or before the config is read)', () => {
    const series = runSeries(budgeted().run);
    expect(costChart(series, null)).toBeNull();
    expect(costChart(series, noLimit)).toBeNull();
    expect(costChart(series, { ...noLimit, latencyMs: 5 })).toBeNull();
  });

  it('plots each limited count as a percent of its limit, the budget at 100%, and the budget markers', () => {
    const { run, counts } = budgeted();
    const limit = counts([2, 2, 2]).parameters - 1;
    const chart = costChart(runSeries(run), { ...noLimit, parameters: limit })!;
    expect(chart.series.map((s) => s.label)).toEqual([`parameters (% of ${formatCount(limit)})`, 'budget']);
    expect(chart.series[0]!.points.map((p) => p.y)).toEqual([[1, 1, 1], [2, 1, 1], [2, 2, 1], [2, 2, 1]].map((d) => (100 * counts(d).parameters) / limit));
    expect(chart.series[1]!.points).toEqual([{ x: 0, y: 100 }, { x: 3, y: 100 }]);
    expect(chart.markers).toEqual([{ x: 3, type: 'budget', stage: 2, depth: 1 }]);
    expect(chart.yDomain).toEqual([0, 110]);
    const both = costChart(runSeries(run), { ...noLimit, parameters: limit, multiplyAccumulates: counts([1, 1, 1]).multiplyAccumulates });
    expect(both!.series.map((s) => s.color)).toEqual(['--accent', '--loss', '--budget']);
    // A MAC line at up to ~170% of its limit (the seed itself is at 100%) widens the axis past it.
    expect(both!.yDomain[1]).toBeGreaterThan(Math.max(...both!.series[1]!.points.map((p) => p.y)));
  });

  it('labels a stage that stopped at the budget, and marks it on the depth chart', () => {
    const charts = runCharts(runSeries(budgeted().run), { ...noLimit, parameters: 10_000 });
    expect(charts.depth.series.map((s) => s.label)).toEqual(['stage 1', 'stage 2', 'stage 3 (at budget)']);
    expect(charts.depth.markers.map((m) => m.type)).toEqual(['budget']);
    expect(charts.accuracy.markers.map((m) => m.type)).toEqual(['grow', 'grow', 'budget']);
    expect(charts.cost).not.toBeNull();
  });
});

describe('budgetText', () => {
  const counts = { parameters: 74_498, multiplyAccumulates: 9_590_208 };
  it('puts the cost against each limit', () => {
    expect(budgetText(counts, { parameters: 100_000, multiplyAccumulates: 10_000_000, latencyMs: 2.5 }))
      .toBe('parameters 74.5 k of 100 k (74%) · MACs 9.59 M of 10.0 M (96%) · forward ≤ 2.5 ms per image');
  });

  it('says none without a limit, and – before the config is read', () => {
    expect(budgetText(counts, noLimit)).toBe('none');
    expect(budgetText(counts, null)).toBe('–');
  });
});
