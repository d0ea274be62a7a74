// Convergent growth, AdamInit and the fine-tune staircase: whole runs on hand-written curves,
// checked against the exact effects the official semantics give. Lines read "<epochs finished> <effect>".
import { describe, expect, it } from 'vitest';
import { runScenario } from './test-support.ts';

describe('convergent growth (c-AutoGrow)', () => {
  it('grows only when the last K epochs gained less than tau, and freezes a growth that did not pay off', () => {
    const { state, effects } = runScenario(
      { growth: { policy: 'convergent', interval: 2 }, stop: { tau: 0.5 }, fineTune: { epochs: 0 } },
      [50, 60, 70, 70.2, 70.3, 70.4, 75, 76, 76.1, 76.2, 76.3, 76.4, 76.5, 76.5, 80, 80, 80, 80, 80, 80],
    );
    expect(effects).toEqual([
      '0 lr 0.1',
      '6 grow 0',
      '10 grow 1',
      '12 freeze 1', '12 grow 2',
      '14 freeze 2', '14 grow 0',
      '18 grow 0',
      '20 freeze 0', '20 evaluate-test', '20 done',
    ]);
    expect(state.depths).toEqual([4, 2, 2]);
  });

  it("in mode 'all' freezes every stage only when the interval right after a growth gains less than tau", () => {
    const { effects } = runScenario({ growth: { policy: 'convergent', mode: 'all' }, stop: { tau: 0.5 }, fineTune: { epochs: 0 } }, [50, 50, 50]);
    expect(effects).toEqual([
      '0 lr 0.1',
      '2 grow 0', '2 grow 1', '2 grow 2',
      '3 freeze 0', '3 freeze 1', '3 freeze 2', '3 evaluate-test', '3 done',
    ]);
  });
});

describe('AdamInit', () => {
  it('follows each growth with an adam-init task aiming 0.5 points below the last train accuracy', () => {
    const { state, effects } = runScenario({ growth: { initializer: 'AdamInit' }, architecture: { maxDepths: [2, 2, 2] } }, [50, 60, 70, 70]);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '1 freeze 0', '1 adam-init 0 target 54.5',
      '2 grow 1', '2 freeze 1', '2 adam-init 1 target 64.5',
      '3 grow 2', '3 freeze 2', '3 adam-init 2 target 74.5',
      '3 start-fine-tune', '3 lr 0.1',
      '4 evaluate-test', '4 done',
    ]);
    expect(state.growingEpochs).toBe(3);
  });
});

describe('fine-tune LR steps', () => {
  it('resets to the initial LR, then steps x0.1 at 1/2 and 3/4 of the fine-tune epochs', () => {
    const { effects } = runScenario(
      { architecture: { maxDepths: [2, 1, 1] }, optimizer: { learningRate: 0.2 }, fineTune: { epochs: 8, lrSteps: [0.5, 0.75], lrFactor: 0.1 } },
      [10, 20, 30, 40, 50, 60, 70, 80, 90],
    );
    expect(effects).toEqual([
      '0 lr 0.2',
      '1 grow 0', '1 freeze 0', '1 start-fine-tune', '1 lr 0.2',
      '5 lr 0.02',
      '7 lr 0.002',
      '9 evaluate-test', '9 done',
    ]);
  });
});
