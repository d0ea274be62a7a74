import { describe, expect, it } from 'vitest';
import snapshots from '../../tests/dashboard/fixtures/run-snapshots.json' with { type: 'json' };
import runConfig from '../../tests/dashboard/fixtures/run-config.json' with { type: 'json' };
import { multiplyAccumulates, parameterCount } from '../architecture/index.ts';
import { parseRunConfig } from '../config/run-config.ts';
import type { RunProgress } from '../protocol/progress.ts';
import { runReport } from './run-report.ts';

const finished = (snapshots as RunProgress[]).at(-1)!;
const parsed = parseRunConfig(runConfig);
if (!parsed.ok) throw new Error(parsed.error);
const config = parsed.value;

describe('runReport', () => {
  it('carries the config, history, growth events, outcome, wall time and samples of the run', () => {
    const report = runReport(finished, config);
    expect(report.config).toEqual(config);
    expect(report.history).toEqual(finished.history);
    expect(report.growth).toEqual(finished.log);
    expect(report.epochs).toBe(24);
    expect(report.testAcc).toBe(91.37);
    expect(report.bestValAcc).toBe(finished.bestValAcc);
    expect(report.wallSeconds).toBe((finished.updatedAt - finished.createdAt) / 1000);
    expect(report.epochSeconds).toBeCloseTo(finished.history.reduce((s, r) => s + r.seconds, 0), 9);
    expect(report.samplesProcessed).toBe(finished.samplesProcessed);
    expect(report.run).toMatchObject({ id: finished.id, status: 'done', doneReason: 'finished', createdAt: '2026-11-20T09:00:00.000Z' });
  });

  it('counts the final architecture on the progress\'s dataset (CIFAR-10: 32x32x3, 10 classes)', () => {
    const report = runReport(finished, config);
    const spec = { family: 'Basic3ResNet' as const, depths: [8, 7, 8], widths: [16, 32, 64], input: { height: 32, width: 32, channels: 3 }, classes: 10 };
    expect(report.finalArchitecture).toEqual({
      name: 'Basic3ResNet-8-7-8', family: 'Basic3ResNet', depths: [8, 7, 8], widths: [16, 32, 64],
      counts: { parameters: parameterCount(spec), multiplyAccumulates: multiplyAccumulates(spec) },
    });
    const digits = { ...finished, dataset: { ...finished.dataset, input: { height: 28, width: 28, channels: 1 } } };
    expect(runReport(digits, config).finalArchitecture.counts.parameters).toBe(parameterCount({ ...spec, input: digits.dataset.input }));
  });

  it('records the budget: the limits, the final network\'s share of each count limit, and the stages stopped at it', () => {
    expect(runReport(finished, config).budget).toEqual({
      limits: { parameters: null, multiplyAccumulates: null, latencyMs: null }, used: { parameters: null, multiplyAccumulates: null }, stops: [],
    });
    const { counts } = runReport(finished, config).finalArchitecture;
    const limits = { parameters: counts.parameters * 2, multiplyAccumulates: counts.multiplyAccumulates * 4, latencyMs: null };
    const stop = { epoch: 20, type: 'budget' as const, stage: 1, depth: 7, measure: 'parameters' as const, cost: counts.parameters * 2 + 1, limit: limits.parameters };
    const stopped = { ...finished, log: [...finished.log, stop] };
    const report = runReport(stopped, { ...config, budget: limits });
    expect(report.budget).toEqual({ limits, used: { parameters: 0.5, multiplyAccumulates: 0.25 }, stops: [stop] });
    expect(report.growth.at(-1)).toEqual(stop);
  });

  it('is plain JSON: a copy, not a view of the progress', () => {
    const report = runReport(finished, config);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.history).not.toBe(finished.history);
  });
});
