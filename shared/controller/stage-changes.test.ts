import { describe, expect, it } from 'vitest';
import { initialControllerState } from './initial-state.ts';
import { freezeStages, growStages } from './stage-changes.ts';
import { controllerTestConfig } from './test-support.ts';
import type { ControllerState } from './types.ts';

const config = controllerTestConfig({ architecture: { seedDepths: [1, 2, 1], maxDepths: [5, 3, 5] }, growth: { initializer: 'UniInit', initScale: 0.5 } });
const at = (epoch: number): ControllerState => ({ ...initialControllerState(config)[0], epoch });

describe('freezeStages', () => {
  it('takes the stages out of the circle, with a freeze effect and a log entry each', () => {
    const [state, effects] = freezeStages([at(4), []], [2, 0]);
    expect(state.circle).toEqual([1]);
    expect(effects).toEqual([{ type: 'freeze', stage: 0 }, { type: 'freeze', stage: 2 }]);
    expect(state.log).toEqual([
      { epoch: 4, type: 'freeze', stage: 0, depth: 1 },
      { epoch: 4, type: 'freeze', stage: 2, depth: 1 },
    ]);
  });

  it('skips stages already frozen, so no stage is frozen twice', () => {
    const once = freezeStages([at(4), []], [1]);
    const twice = freezeStages(once, [1]);
    expect(twice).toEqual(once);
  });
});

describe('growStages', () => {
  it('appends one block per stage with the configured initializer and remembers what it grew', () => {
    const [state, effects] = growStages([at(3), []], [0, 2], config);
    expect(state.depths).toEqual([2, 2, 2]);
    expect(effects).toEqual([
      { type: 'grow', stage: 0, initializer: 'UniInit', scale: 0.5 },
      { type: 'grow', stage: 2, initializer: 'UniInit', scale: 0.5 },
    ]);
    expect(state.lastGrown).toEqual([0, 2]);
    expect(state.log).toEqual([
      { epoch: 3, type: 'grow', stage: 0, depth: 2 },
      { epoch: 3, type: 'grow', stage: 2, depth: 2 },
    ]);
  });

  it('points the cursor at the stage after the last grown one, wrapping around', () => {
    expect(growStages([at(1), []], [0], config)[0].cursor).toBe(1);
    expect(growStages([at(1), []], [2], config)[0].cursor).toBe(0);
  });

  it('freezes a stage right after the growth that brings it to its max depth', () => {
    const [state, effects] = growStages([at(2), []], [1], config);
    expect(state.depths[1]).toBe(3);
    expect(state.circle).toEqual([0, 2]);
    expect(effects).toEqual([{ type: 'grow', stage: 1, initializer: 'UniInit', scale: 0.5 }, { type: 'freeze', stage: 1 }]);
  });

  it('refuses to grow a stage outside the circle: that is a controller bug', () => {
    const frozen = freezeStages([at(2), []], [0]);
    expect(() => growStages(frozen, [0], config)).toThrow('growStages: stage 0 is not in the circle [1, 2]');
  });
});
