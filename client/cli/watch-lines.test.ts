import { describe, expect, it } from 'vitest';
import snapshots from '../../tests/dashboard/fixtures/run-snapshots.json' with { type: 'json' };
import type { RunProgress } from '../../shared/protocol/index.ts';
import { watchBar, watchLines } from './watch-lines.ts';

const recorded = snapshots as RunProgress[];

describe('watchLines', () => {
  it('prints every epoch once, each growth event after its epoch, and the outcome at the end', () => {
    const printed: string[] = [];
    let previous: RunProgress | null = null;
    for (const snapshot of recorded) {
      printed.push(...watchLines(previous, snapshot));
      previous = snapshot;
    }
    const final = recorded.at(-1)!;
    expect(printed.filter((l) => l.startsWith('epoch '))).toHaveLength(final.history.length);
    expect(printed.filter((l) => l.startsWith('  grow ') || l.startsWith('  freeze '))).toHaveLength(final.log.length);
    const firstGrow = printed.findIndex((l) => l.startsWith('  grow stage 1 (depth 2)'));
    expect(printed[firstGrow - 1]).toMatch(/^epoch {3}1 {2}growing/);
    expect(printed.at(-1)).toBe(`finished: Basic3ResNet-8-7-8, test accuracy 91.37%, best val ${final.bestValAcc!.toFixed(2)}%`);
  });

  it('prints nothing for a snapshot that adds nothing', () => {
    expect(watchLines(recorded[3]!, recorded[3]!)).toEqual([]);
  });
});

describe('watchBar', () => {
  it('counts train shards of the current epoch while training', () => {
    expect(watchBar(recorded[3]!)).toEqual({ done: 4, total: 9, suffix: 'epoch 4 train shards, 4 volunteers' });
  });
});
