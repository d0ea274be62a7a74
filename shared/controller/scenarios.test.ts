// Periodic growth, max depths, the growing-epoch cap, J and tau: whole runs on hand-written curves,
// checked against the exact effects the official semantics give. Lines read "<epochs finished> <effect>".
import { describe, expect, it } from 'vitest';
import { runScenario } from './test-support.ts';

describe('periodic growth (p-AutoGrow)', () => {
  it('K=1, J=2: grows round-robin every epoch and freezes the last grown stage once the max stops rising', () => {
    const { state, effects } = runScenario(
      { stop: { window: 2 }, fineTune: { epochs: 2, lrSteps: [0.5] } },
      [50, 60, 70, 71, 71, 71, 71, 71, 71, 71],
    );
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '2 grow 1', '3 grow 2', '4 grow 0', '5 grow 1',
      '6 freeze 1', '6 grow 2',
      '7 freeze 2', '7 grow 0',
      '8 freeze 0', '8 start-fine-tune', '8 lr 0.1',
      '9 lr 0.01',
      '10 evaluate-test', '10 done',
    ]);
    expect(state.depths).toEqual([4, 3, 3]);
    expect(state.phase).toBe('done');
  });

  it('K=3, J=3: checks and grows only every third epoch; 0 fine-tune epochs end the run at once', () => {
    const { state, effects } = runScenario(
      { growth: { interval: 3 }, stop: { window: 3 }, fineTune: { epochs: 0 } },
      [40, 50, 60, 65, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66],
    );
    expect(effects).toEqual([
      '0 lr 0.1',
      '3 grow 0', '6 grow 1',
      '9 freeze 1', '9 grow 2',
      '12 freeze 2', '12 grow 0',
      '15 freeze 0', '15 evaluate-test', '15 done',
    ]);
    expect(state.depths).toEqual([3, 2, 2]);
  });

  it("mode 'all' grows every stage at once and a failed check freezes them all", () => {
    const { state, effects } = runScenario({ growth: { mode: 'all' } }, [50, 60, 61, 61, 61, 61]);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '1 grow 1', '1 grow 2',
      '2 grow 0', '2 grow 1', '2 grow 2',
      '3 grow 0', '3 grow 1', '3 grow 2',
      '4 grow 0', '4 grow 1', '4 grow 2',
      '5 freeze 0', '5 freeze 1', '5 freeze 2', '5 start-fine-tune', '5 lr 0.1',
      '6 evaluate-test', '6 done',
    ]);
    expect(state.depths).toEqual([5, 5, 5]);
  });

  it("mode 'all' drops a stage at its max depth and keeps growing the others together", () => {
    const { state, effects } = runScenario({ growth: { mode: 'all' }, architecture: { maxDepths: [3, 10, 10] } }, [50, 60, 61, 61, 61, 61]);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '1 grow 1', '1 grow 2',
      '2 grow 0', '2 freeze 0', '2 grow 1', '2 grow 2',
      '3 grow 1', '3 grow 2',
      '4 grow 1', '4 grow 2',
      '5 freeze 1', '5 freeze 2', '5 start-fine-tune', '5 lr 0.1',
      '6 evaluate-test', '6 done',
    ]);
    expect(state.depths).toEqual([3, 5, 5]);
  });

  it("mode 'all' freezes every stage on a failed check even before any growth, where 'group' has nothing to freeze", () => {
    // Only an accuracy below tau can fail the check before J+1 epochs exist: a network stuck at 0%.
    expect(runScenario({ growth: { mode: 'all' }, fineTune: { epochs: 0 } }, [0]).effects).toEqual([
      '0 lr 0.1', '1 freeze 0', '1 freeze 1', '1 freeze 2', '1 evaluate-test', '1 done',
    ]);
    expect(runScenario({ growth: { mode: 'group' }, fineTune: { epochs: 0 } }, [0]).effects).toEqual(['0 lr 0.1', '1 grow 0']);
  });
});

describe('max depth', () => {
  it('freezes a stage as soon as it reaches its max depth, and the round-robin skips it', () => {
    const { state, effects } = runScenario({ stop: { window: 5 }, architecture: { maxDepths: [2, 3, 2] } }, [10, 20, 30, 40, 50]);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '1 freeze 0',
      '2 grow 1',
      '3 grow 2', '3 freeze 2',
      '4 grow 1', '4 freeze 1', '4 start-fine-tune', '4 lr 0.1',
      '5 evaluate-test', '5 done',
    ]);
    expect(state.depths).toEqual([2, 3, 2]);
  });

  it('spends the next failed check on the stage that already left at its max, as the official code does', () => {
    const { effects } = runScenario({ stop: { window: 1 }, architecture: { maxDepths: [2, 10, 10] } }, [50, 50, 50, 50, 50]);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '1 freeze 0',
      '2 grow 1',
      '3 freeze 1', '3 grow 2',
      '4 freeze 2', '4 start-fine-tune', '4 lr 0.1',
      '5 evaluate-test', '5 done',
    ]);
  });
});

describe('the cap on growing epochs', () => {
  it('freezes every stage left when growingEpochs reaches it, even between K boundaries', () => {
    const { state, effects } = runScenario({ growth: { interval: 2, maxGrowingEpochs: 5 }, stop: { window: 10 } }, [10, 20, 30, 40, 50, 60]);
    expect(effects).toEqual([
      '0 lr 0.1',
      '2 grow 0', '4 grow 1',
      '5 freeze 0', '5 freeze 1', '5 freeze 2', '5 start-fine-tune', '5 lr 0.1',
      '6 evaluate-test', '6 done',
    ]);
    expect(state.depths).toEqual([2, 2, 1]);
  });
});

describe('the stop window J', () => {
  const flat = [50, 50, 50, 50];

  it('stops nothing while fewer than J+1 epochs exist, even on a flat curve', () => {
    const { effects } = runScenario({ stop: { window: 100 }, growth: { maxGrowingEpochs: 4 }, fineTune: { epochs: 0 } }, flat);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '2 grow 1', '3 grow 2',
      '4 freeze 0', '4 freeze 1', '4 freeze 2', '4 evaluate-test', '4 done',
    ]);
  });

  it('stops on the same flat curve once J+1 epochs exist (J=2)', () => {
    const { effects } = runScenario({ stop: { window: 2 }, growth: { maxGrowingEpochs: 4 }, fineTune: { epochs: 0 } }, flat);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '2 grow 1',
      '3 freeze 1', '3 grow 2',
      '4 freeze 0', '4 freeze 2', '4 evaluate-test', '4 done',
    ]);
  });
});

describe('tau', () => {
  // 60, 60.25 and 60.5 are exact in binary, so the gains are exactly 0.25.
  it('keeps growing on a gain exactly equal to tau: only strictly below freezes', () => {
    const { effects } = runScenario({ stop: { window: 1, tau: 0.25 }, fineTune: { epochs: 0 } }, [60, 60.25, 60.5, 60.5, 60.5, 60.5]);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '2 grow 1', '3 grow 2',
      '4 freeze 2', '4 grow 0',
      '5 freeze 0', '5 grow 1',
      '6 freeze 1', '6 evaluate-test', '6 done',
    ]);
  });

  it('freezes on a gain just below tau', () => {
    const { effects } = runScenario({ stop: { window: 1, tau: 0.25 }, fineTune: { epochs: 0 } }, [60, 60.125]);
    expect(effects).toEqual(['0 lr 0.1', '1 grow 0', '2 freeze 0', '2 grow 1']);
  });
});
