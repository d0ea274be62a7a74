import { describe, expect, it } from 'vitest';
import runs from '../../tests/dashboard/fixtures/runs.json' with { type: 'json' };
import type { RunSummary } from '../../shared/protocol/index.ts';
import { progressText, runRows, usefulText } from './run-list-view.ts';

const listed = runs as RunSummary[];
const summary = (patch: Partial<RunSummary>): RunSummary => ({ ...listed.find((run) => run.name === 'mnist-demo')!, ...patch });

describe('runRows', () => {
  it('lists the newest run first, each linking to its page', () => {
    const rows = runRows(listed);
    // The fixture group's five runs (K=1, K=2 over seeds) are the newest.
    expect(rows.map((r) => r.name)).toEqual(['K=2', 'K=2', 'K=2', 'K=1', 'K=1', 'tiny', 'mnist-demo', 'cifar10-budget', 'cifar10-demo']);
    expect(rows.at(-1)!.href).toBe('?run=5f1c0a3e9b2d4c6f8a7e1d0c3b5a6978');
    expect(rows.map((r) => r.group)).toEqual([...Array(5).fill('fixture-study'), '', '', '', '']);
  });

  it("shows each run's progress, volunteers, what it can use, and its accuracies", () => {
    const rows = runRows(listed);
    // mnist-demo: 5 of 12 train shards of its fifth epoch, noise scale 6.6 tasks.
    expect(rows.find((r) => r.name === 'mnist-demo')).toMatchObject({
      status: 'running', progress: 'growing · epoch 5 · 42%', epochShare: 5 / 12, volunteers: '2', useful: 'can use about 7 volunteers',
      architecture: 'Basic3ResNet-2-2-1', bestValAcc: '97.85%', testAcc: '–',
    });
    expect(rows.find((r) => r.name === 'tiny')).toMatchObject({ status: 'paused', progress: 'growing · epoch 1 · 0%', useful: 'noise scale not measured yet', bestValAcc: '–' });
    expect(rows.find((r) => r.name === 'cifar10-demo')).toMatchObject({ status: 'done', progress: 'done after 24 epochs', epochShare: null, useful: '', testAcc: '91.37%' });
  });
});

describe('progressText', () => {
  it('names the phase, the epoch under way and its share done (0% while the epoch has no shards)', () => {
    expect(progressText(summary({ phase: 'fine-tuning', epoch: 20, epochProgress: { done: 9, total: 9 } }))).toBe('fine-tuning · epoch 21 · 100%');
    expect(progressText(summary({ phase: 'adam-init', epoch: 3, epochProgress: { done: 0, total: 0 } }))).toBe('AdamInit · epoch 4 · 0%');
    expect(progressText(summary({ status: 'done', phase: 'done', epoch: 1 }))).toBe('done after 1 epoch');
  });
});

describe('usefulText', () => {
  it('rounds the noise scale to whole volunteers, at least one', () => {
    expect(usefulText(summary({ noiseScale: 0.2 }))).toBe('can use about 1 volunteer');
    expect(usefulText(summary({ noiseScale: 31.6 }))).toBe('can use about 32 volunteers');
    expect(usefulText(summary({ status: 'paused', noiseScale: 4 }))).toBe('can use about 4 volunteers');
  });
});
