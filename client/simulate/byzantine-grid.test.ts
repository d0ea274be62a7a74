import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig } from '../../shared/config/presets.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import { initBackend } from '../engine/index.ts';
import { byzantineMarkdown, byzantineRow } from './byzantine-grid.ts';

describe('byzantineRow', () => {
  beforeAll(async () => {
    await initBackend(['wasm']);
  });

  it('reports the run\'s test accuracy beside the true one: with one liar in four and replicated evals they are equal', async () => {
    const tiny = presetConfig('tiny');
    if (!tiny.ok) throw new Error(tiny.error);
    const config: RunConfig = { ...tiny.value, fleet: { ...tiny.value.fleet, roundSize: 3, aggregation: 'median' } };
    const source = openDataset(config.dataset);
    if (!source.ok) throw new Error(source.error);
    const row = await byzantineRow(config, source.value, { label: 'median', byzantine: 0.25, fleet: {} }, 4);
    expect(row).toMatchObject({ label: 'median', liars: 1, doneReason: 'finished' });
    expect(row.reportedTestAcc).toBe(row.trueTestAcc);
    expect(byzantineMarkdown('t', [row])).toContain(`| median | 1 | ${row.trueTestAcc.toFixed(2)} | ${row.trueTestAcc.toFixed(2)} |`);
  });
});
