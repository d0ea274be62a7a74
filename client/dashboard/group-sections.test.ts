import { describe, expect, it } from 'vitest';
import runs from '../../tests/dashboard/fixtures/runs.json' with { type: 'json' };
import type { RunSummary } from '../../shared/protocol/index.ts';
import { groupSections } from './group-sections.ts';

const listed = runs as RunSummary[];

describe('groupSections', () => {
  it("gives each group its runs, oldest first, with status, net and test accuracy, and a link to the group's page", () => {
    const [study, ...others] = groupSections(listed);
    expect(others).toEqual([]);
    expect(study).toMatchObject({ group: 'fixture-study', href: '?group=fixture-study', note: '4 of 5 runs done; 1 running with 4 volunteers' });
    expect(study!.runs.map((r) => [r.name, r.status, r.net, r.testAcc])).toEqual([
      ['K=1', 'done', 'Basic3ResNet-4-4-4', '91.10%'],
      ['K=1', 'done', 'Basic3ResNet-4-4-4', '91.20%'],
      ['K=2', 'done', 'Basic3ResNet-4-4-4', '92.10%'],
      ['K=2', 'done', 'Basic3ResNet-4-4-4', '92.20%'],
      ['K=2', 'running, epoch 11', 'Basic3ResNet-3-3-2', '–'],
    ]);
    expect(study!.runs[0]!.href).toBe('?run=11cccccccccccccccccccccccccccccc');
  });

  it('orders the groups by their newest run, leaves out runs of no group, and escapes the name in the link', () => {
    const sweep = listed.filter((run) => run.group === null).map((run, i) => ({ ...run, group: i < 2 ? 'lr sweep/a' : null, createdAt: 2e12 + i }));
    const sections = groupSections([...listed.filter((run) => run.group !== null), ...sweep]);
    expect(sections.map((s) => [s.group, s.href, s.runs.length])).toEqual([['lr sweep/a', '?group=lr%20sweep%2Fa', 2], ['fixture-study', '?group=fixture-study', 5]]);
    expect(sections[0]!.note).toBe('2 of 2 runs done');
    expect(groupSections(listed.filter((run) => run.group === null))).toEqual([]);
  });
});
