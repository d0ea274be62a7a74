import { describe, expect, it } from 'vitest';
import { initialControllerState } from './initial-state.ts';
import { controllerTestConfig } from './test-support.ts';
import { transition } from './transition.ts';
import type { ControllerEvent, ControllerState, Transition } from './types.ts';
import type { RunConfig } from '../config/run-config.ts';

const epochFinished = (epoch: number, valAcc: number, trainAcc = valAcc + 5): ControllerEvent => ({
  type: 'epoch-finished', epoch, valAcc, trainAcc, trainLoss: 1,
});

/** Feeds valAccs as the next epochs, from the state's current epoch on. */
function feed(state: ControllerState, valAccs: readonly number[], config: RunConfig): Transition {
  return valAccs.reduce<Transition>(([current], valAcc) => transition(current, epochFinished(current.epoch, valAcc), config), [state, []]);
}

describe('initialControllerState', () => {
  it('starts growing the seed network with every stage below its max in the circle, at the initial LR', () => {
    const config = controllerTestConfig({ architecture: { seedDepths: [2, 1, 3], maxDepths: [5, 5, 3] }, optimizer: { learningRate: 0.05 } });
    expect(initialControllerState(config)).toEqual([
      {
        phase: 'growing', epoch: 0, growingEpochs: 0, fineTuneEpochs: 0, depths: [2, 1, 3], circle: [0, 1], lastGrown: [], cursor: 0,
        valAccHistory: [], bestHistory: [], trainAccHistory: [], learningRate: 0.05, log: [], latency: null,
      },
      [{ type: 'set-learning-rate', learningRate: 0.05 }],
    ]);
  });

  it('goes straight to fine-tuning when the seed is already at every max depth', () => {
    const [state, effects] = initialControllerState(controllerTestConfig({ architecture: { maxDepths: [1, 1, 1] } }));
    expect(state.phase).toBe('fine-tuning');
    expect(effects).toEqual([{ type: 'start-fine-tune' }, { type: 'set-learning-rate', learningRate: 0.1 }]);
  });

  it('ends at once when there is nothing to grow and no fine-tune epoch', () => {
    const [state, effects] = initialControllerState(controllerTestConfig({ architecture: { maxDepths: [1, 1, 1] }, fineTune: { epochs: 0 } }));
    expect(state.phase).toBe('done');
    expect(effects).toEqual([{ type: 'evaluate-test' }, { type: 'done' }]);
  });
});

describe('epoch-finished', () => {
  const config = controllerTestConfig({ growth: { interval: 2 } });
  const [initial] = initialControllerState(config);

  it('records the accuracies, the moving max and the epoch counters', () => {
    const [state] = feed(initial, [50, 40], config);
    expect(state).toMatchObject({ epoch: 2, growingEpochs: 2, fineTuneEpochs: 0, valAccHistory: [50, 40], bestHistory: [50, 50], trainAccHistory: [55, 45] });
  });

  it.each([0, 2])('ignores an event for epoch %i when epoch 1 is next (a replay, or one out of turn)', (epoch) => {
    const [state] = feed(initial, [50], config);
    const [next, effects] = transition(state, epochFinished(epoch, 99), config);
    expect(next).toBe(state);
    expect(effects).toEqual([]);
  });

  it("measures the gain on the EMA when stop.metric is 'ema'", () => {
    const flat = [90, 90, 90];
    const [byMax] = feed(initialControllerState(controllerTestConfig())[0], flat, controllerTestConfig());
    const emaConfig = controllerTestConfig({ stop: { metric: 'ema' } });
    const [byEma] = feed(initialControllerState(emaConfig)[0], flat, emaConfig);
    expect(byEma.bestHistory[0]).toBeCloseTo(4.5, 12);
    // The max is flat, so the check at epoch 3 freezes stage 1; the EMA is still climbing, so it does not.
    expect(byMax.circle).toEqual([0, 2]);
    expect(byEma.circle).toEqual([0, 1, 2]);
  });
});

describe('adam-init phase', () => {
  const config = controllerTestConfig({ growth: { initializer: 'AdamInit' } });
  const [growing] = feed(initialControllerState(config)[0], [50], config);

  it('enters adam-init after a growth and emits the task for the grown stage', () => {
    expect(growing.phase).toBe('adam-init');
    expect(transition(growing, { type: 'run-resumed' }, config)[1]).toEqual([
      { type: 'set-learning-rate', learningRate: 0.1 },
      { type: 'adam-init', stages: [0], targetTrainAcc: 54.5, maxEpochs: 10, learningRate: 1e-3 },
    ]);
  });

  it('ignores epochs reported during adam-init: they are not epochs of the run', () => {
    const [next, effects] = transition(growing, epochFinished(growing.epoch, 60), config);
    expect(next).toBe(growing);
    expect(effects).toEqual([]);
  });

  it('returns to growing on adam-init-finished, and ignores a repeat of it', () => {
    const [back, effects] = transition(growing, { type: 'adam-init-finished', trainAcc: 55, epochsUsed: 2 }, config);
    expect(back).toEqual({ ...growing, phase: 'growing' });
    expect(effects).toEqual([]);
    const [again, repeatEffects] = transition(back, { type: 'adam-init-finished', trainAcc: 55, epochsUsed: 2 }, config);
    expect(again).toBe(back);
    expect(repeatEffects).toEqual([]);
  });
});

describe('run-resumed', () => {
  it('re-emits the current LR, stepped down in fine-tuning', () => {
    const config = controllerTestConfig({ architecture: { maxDepths: [1, 1, 1] }, fineTune: { epochs: 4, lrSteps: [0.5], lrFactor: 0.5 } });
    const [state] = feed(initialControllerState(config)[0], [50, 50], config);
    expect(transition(state, { type: 'run-resumed' }, config)).toEqual([state, [{ type: 'set-learning-rate', learningRate: 0.05 }]]);
  });
});

describe('done', () => {
  it('ignores every event once the run is done', () => {
    const config = controllerTestConfig({ architecture: { maxDepths: [1, 1, 1] }, fineTune: { epochs: 1 } });
    const [done] = feed(initialControllerState(config)[0], [50], config);
    expect(done.phase).toBe('done');
    const events: ControllerEvent[] = [epochFinished(done.epoch, 60), { type: 'run-resumed' }, { type: 'adam-init-finished', trainAcc: 1, epochsUsed: 1 }];
    for (const event of events) expect(transition(done, event, config)).toEqual([done, []]);
  });
});

describe('state as JSON', () => {
  const config = controllerTestConfig({ growth: { initializer: 'AdamInit' }, stop: { metric: 'ema' }, fineTune: { epochs: 3, lrSteps: [0.5] } });

  it('round-trips through JSON.stringify/parse unchanged, and the copy carries on identically', () => {
    let [state] = initialControllerState(config);
    const phases = new Set([state.phase]);
    const accuracies = [50.5, 61.25, 70.1, 70.1, 70.1, 70.1, 70.1, 70.1, 70.1, 70.1];
    for (let step = 0; state.phase !== 'done'; step++) {
      const copy: ControllerState = JSON.parse(JSON.stringify(state));
      expect(copy).toEqual(state);
      const event: ControllerEvent = state.phase === 'adam-init'
        ? { type: 'adam-init-finished', trainAcc: 60, epochsUsed: 1 }
        : epochFinished(state.epoch, accuracies[state.epoch] ?? 70.1, 33.3);
      const next = transition(state, event, config);
      expect(transition(copy, event, config)).toEqual(next);
      [state] = next;
      phases.add(state.phase);
      expect(step).toBeLessThan(100);
    }
    expect([...phases].sort()).toEqual(['adam-init', 'done', 'fine-tuning', 'growing']);
  });
});
