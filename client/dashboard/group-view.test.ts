import { describe, expect, it } from 'vitest';
import groupRuns from '../../tests/dashboard/fixtures/group-runs.json' with { type: 'json' };
import { parseRunConfig } from '../../shared/config/run-config.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import type { GroupRun } from '../study/group-runs.ts';
import { STUDY_TABLE_HEADER } from '../study/study-table.ts';
import { groupView } from './group-view.ts';

const runs: GroupRun[] = groupRuns.map(({ config, progress }) => {
  const parsed = parseRunConfig(config);
  if (!parsed.ok) throw new Error(parsed.error);
  return { id: progress.id, config: parsed.value, progress: progress as RunProgress };
});

describe('groupView', () => {
  it("puts each variant's finished runs in one row of the study's table, in the order the variants were created", () => {
    const view = groupView('fixture-study', runs);
    expect(view.header).toEqual(STUDY_TABLE_HEADER);
    expect(view.rows.map((row) => row.slice(0, 2))).toEqual([['K=1', '2'], ['K=2', '2']]);
    // The fixture's test accuracies are 91.1 and 91.2 (K=1), 92.1 and 92.2 (K=2; seed 3 still running).
    expect(view.rows.map((row) => row[3])).toEqual(['91.15 ± 0.07', '92.15 ± 0.07']);
    expect(view.rows[0]![2]).toBe(`Basic3ResNet ${runs[0]!.progress.architecture.depths.join('-')}, ${runs[1]!.progress.architecture.depths.join('-')}`);
    expect(view.note).toBe('4 of 5 runs finished; the table counts the finished ones (mean ± std over their seeds).');
  });

  it('lists every run with its seed, status and a link', () => {
    const view = groupView('fixture-study', runs);
    expect(view.runs.map((r) => `${r.variant} ${r.seed}`)).toEqual(['K=1 1', 'K=1 2', 'K=2 1', 'K=2 2', 'K=2 3']);
    expect(view.runs.at(-1)).toMatchObject({ status: expect.stringMatching(/^running, growing, epoch \d+$/), testAcc: '–', href: `?run=${runs.at(-1)!.id}` });
  });

  it('says how to fill a group that has no run', () => {
    expect(groupView('empty', []).note).toBe('No run carries the group "empty". Submit a study with npm run study -- NAME --coordinator URL.');
  });
});
