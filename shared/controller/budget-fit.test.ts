// Growth under a cost budget: whole runs on rising curves (so the stop policy never freezes), with
// limits set at exact network costs, in group and 'all' mode, for parameters, MACs and latency.
import { describe, expect, it } from 'vitest';
import { networkCost } from '../config/budget.ts';
import { predictedLatency } from './budget-fit.ts';
import { replayCurve } from './replay.ts';
import { controllerTestConfig, runScenario, type ConfigOverrides } from './test-support.ts';

// The test config's network (Basic3ResNet 16-32-64 on MNIST's 28x28x1, 10 classes) at given depths.
const base = controllerTestConfig();
const parameters = (depths: number[]): number => networkCost(base, depths).parameters;
const macs = (depths: number[]): number => networkCost(base, depths).multiplyAccumulates;
const rising = Array.from({ length: 12 }, (_, i) => 20 + 5 * i);

describe('growth under a parameter budget', () => {
  it('group mode: a stage whose next sub-module breaks the budget leaves, and the next stage in the circle grows instead', () => {
    const limit = parameters([3, 2, 1]);
    const { state, effects } = runScenario({ budget: { parameters: limit } }, rising);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '2 grow 1',
      '3 freeze 2', '3 grow 0',
      '4 freeze 1', '4 freeze 0', '4 start-fine-tune', '4 lr 0.1',
      '5 evaluate-test', '5 done',
    ]);
    expect(state.depths).toEqual([3, 2, 1]);
    expect(state.log.filter((entry) => entry.type === 'budget')).toEqual([
      { epoch: 3, type: 'budget', stage: 2, depth: 1, measure: 'parameters', cost: parameters([2, 2, 2]), limit },
      { epoch: 4, type: 'budget', stage: 1, depth: 2, measure: 'parameters', cost: parameters([3, 3, 1]), limit },
      { epoch: 4, type: 'budget', stage: 0, depth: 3, measure: 'parameters', cost: parameters([4, 2, 1]), limit },
    ]);
  });

  it('a network that costs exactly the limit fits; one parameter less and it does not', () => {
    const exact = runScenario({ budget: { parameters: parameters([2, 1, 1]) } }, rising).state;
    expect(exact.depths).toEqual([2, 1, 1]);
    const below = runScenario({ budget: { parameters: parameters([2, 1, 1]) - 1 } }, rising);
    expect(below.state.depths).toEqual([1, 1, 1]);
    expect(below.effects.slice(0, 4)).toEqual(['0 lr 0.1', '1 freeze 0', '1 freeze 1', '1 freeze 2']);
  });

  it("mode 'all': each stage's sub-module counts on top of those that fit before it; the cheaper stages keep growing together", () => {
    const limit = parameters([3, 2, 1]);
    const { state, effects } = runScenario({ growth: { mode: 'all' }, budget: { parameters: limit } }, rising);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 freeze 2', '1 grow 0', '1 grow 1',
      '2 freeze 1', '2 grow 0',
      '3 freeze 0', '3 start-fine-tune', '3 lr 0.1',
      '4 evaluate-test', '4 done',
    ]);
    expect(state.depths).toEqual([3, 2, 1]);
    expect(state.log.find((entry) => entry.type === 'budget')).toEqual({ epoch: 1, type: 'budget', stage: 2, depth: 1, measure: 'parameters', cost: parameters([2, 2, 2]), limit });
  });

  it('the stop check still freezes first at a boundary; the budget only decides what grows after it', () => {
    const { state, effects } = runScenario({ stop: { window: 1 }, budget: { parameters: parameters([2, 2, 1]) } }, [50, 60, 60, 70]);
    expect(effects).toEqual([
      '0 lr 0.1',
      '1 grow 0', '2 grow 1',
      '3 freeze 1', '3 freeze 2', '3 freeze 0', '3 start-fine-tune', '3 lr 0.1',
      '4 evaluate-test', '4 done',
    ]);
    expect(state.log.slice(-3).map((entry) => `${entry.type} ${entry.stage}`)).toEqual(['freeze 1', 'budget 2', 'budget 0']);
  });
});

describe('growth under a multiply-accumulate budget', () => {
  it('every sub-module of this family costs the same MACs, so all stages leave together once one more would not fit', () => {
    const limit = macs([2, 2, 1]);
    const { state, effects } = runScenario({ budget: { multiplyAccumulates: limit } }, rising);
    expect(effects.slice(0, 6)).toEqual(['0 lr 0.1', '1 grow 0', '2 grow 1', '3 freeze 2', '3 freeze 0', '3 freeze 1']);
    expect(state.depths).toEqual([2, 2, 1]);
    expect(state.log.filter((entry) => entry.type === 'budget').map((entry) => entry.type === 'budget' && entry.measure)).toEqual(Array(3).fill('multiplyAccumulates'));
  });

  it('parameters are checked before MACs: the first limit broken is the one logged', () => {
    const { state } = runScenario({ budget: { parameters: parameters([1, 1, 1]), multiplyAccumulates: macs([1, 1, 1]) } }, rising);
    expect(state.log.map((entry) => entry.type === 'budget' && entry.measure)).toEqual(['parameters', 'parameters', 'parameters']);
  });
});

describe('growth under a latency budget', () => {
  // An engine that spends exactly 1 ms per million MACs: the MAC-share prediction is then exact.
  const msPerImage = (depths: number[]): number => macs(depths) / 1e6;
  const withLatency = (overrides: ConfigOverrides, measured: boolean) => {
    const config = controllerTestConfig(overrides);
    // Replay feeds epoch e the e-th result: the depths of each epoch come from the run without a budget.
    const depthsAt = [[1, 1, 1], [2, 1, 1], [2, 2, 1], [2, 2, 2], [3, 2, 2], [3, 3, 2], [3, 3, 3]];
    const curve = rising.map((valAcc, epoch) => ({
      valAcc, trainAcc: valAcc + 5, trainLoss: 1, ...(measured ? { forwardMsPerImage: msPerImage(depthsAt[Math.min(epoch, 6)]!) } : {}),
    }));
    return replayCurve(config, curve).state;
  };

  it('predicts the next network from the latest measurement in proportion to its MACs', () => {
    expect(predictedLatency({ depths: [1, 1, 1], msPerImage: 10 }, base, macs([2, 1, 1]))).toBeCloseTo((10 * macs([2, 1, 1])) / macs([1, 1, 1]), 12);
    expect(predictedLatency(null, base, macs([2, 1, 1]))).toBeNull();
  });

  it('stops growing where the measured latency says, logging the predicted ms per image', () => {
    const limit = msPerImage([2, 2, 1]);
    const state = withLatency({ architecture: { maxDepths: [3, 3, 3] }, budget: { latencyMs: limit } }, true);
    expect(state.depths).toEqual([2, 2, 1]);
    const stop = state.log.find((entry) => entry.type === 'budget');
    expect(stop).toMatchObject({ epoch: 3, stage: 2, measure: 'latencyMs', limit });
    expect(stop?.type === 'budget' && stop.cost).toBeCloseTo(msPerImage([2, 2, 2]), 9);
  });

  it('without any measurement the latency limit cannot be checked, and growth goes on to the max depths', () => {
    const state = withLatency({ architecture: { maxDepths: [3, 3, 3] }, budget: { latencyMs: msPerImage([2, 2, 1]) } }, false);
    expect(state.depths).toEqual([3, 3, 3]);
    expect(state.log.some((entry) => entry.type === 'budget')).toBe(false);
    expect(state.latency).toBeNull();
  });
});
