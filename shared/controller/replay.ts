// Replays a recorded accuracy curve through the controller as a run would, each entry one finished
// epoch and every AdamInit reaching its target at once: what-if runs of a config on a known curve.
import type { RunConfig } from '../config/run-config.ts';
import { initialControllerState } from './initial-state.ts';
import type { EpochFinished } from './record-epoch.ts';
import { transition } from './transition.ts';
import type { ControllerEffect, ControllerEvent, ControllerState } from './types.ts';

export type EpochResult = Omit<EpochFinished, 'type' | 'epoch'>;

/** An effect and the epochs finished when it was emitted. */
export interface TimedEffect {
  epoch: number;
  effect: ControllerEffect;
}

export interface Replay {
  /** Phase 'done', unless the curve ran out first. */
  state: ControllerState;
  effects: TimedEffect[];
}

export function replayCurve(config: RunConfig, curve: readonly EpochResult[]): Replay {
  const [initial, initialEffects] = initialControllerState(config);
  let state = initial;
  const effects: TimedEffect[] = initialEffects.map((effect) => ({ epoch: 0, effect }));
  const apply = (event: ControllerEvent): void => {
    const [next, emitted] = transition(state, event, config);
    state = next;
    effects.push(...emitted.map((effect) => ({ epoch: next.epoch, effect })));
  };
  while (state.phase !== 'done') {
    const result = curve[state.epoch];
    if (state.phase === 'adam-init') {
      apply({ type: 'adam-init-finished', trainAcc: state.trainAccHistory[state.epoch - 1]!, epochsUsed: 1 });
    } else if (result) {
      apply({ type: 'epoch-finished', epoch: state.epoch, ...result });
    } else {
      break;
    }
  }
  return { state, effects };
}
