import { describe, expect, it } from 'vitest';
import runs from '../../tests/dashboard/fixtures/runs.json' with { type: 'json' };
import type { RunSummary } from '../../shared/protocol/index.ts';
import { runRows } from './run-list-view.ts';

describe('runRows', () => {
  it('lists the newest run first, each linking to its page', () => {
    const rows = runRows(runs as RunSummary[]);
    // The fixture group's five runs (K=1, K=2 over seeds) are the newest.
    expect(rows.map((r) => r.name)).toEqual(['K=2', 'K=2', 'K=2', 'K=1', 'K=1', 'tiny', 'mnist-demo', 'cifar10-budget', 'cifar10-demo']);
    expect(rows.at(-1)!.href).toBe('?run=5f1c0a3e9b2d4c6f8a7e1d0c3b5a6978');
  });

  it('shows the phase, architecture, epoch, volunteers and best validation accuracy', () => {
    const row = runRows(runs as RunSummary[]).find((r) => r.name === 'mnist-demo')!;
    expect(row).toMatchObject({ status: 'running', phase: 'growing', architecture: 'Basic3ResNet-2-2-1', epoch: '4', volunteers: '2', bestValAcc: '97.85%' });
    expect(runRows(runs as RunSummary[]).find((r) => r.name === 'tiny')!.bestValAcc).toBe('–');
  });
});
