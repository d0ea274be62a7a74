// Helpers for the controller's tests: configs from a small 3-stage base (seed 1-1-1, max 10-10-10,
// K=1, J=2, one fine-tune epoch) overridden section by section, and whole runs on hand-written curves.
import { parseRunConfig, type RunConfig, type RunConfigInput } from '../config/run-config.ts';
import { replayCurve, type EpochResult, type TimedEffect } from './replay.ts';
import type { ControllerState } from './types.ts';

type Section = 'architecture' | 'growth' | 'stop' | 'optimizer' | 'fineTune' | 'budget';
export type ConfigOverrides = { [S in Section]?: Partial<NonNullable<RunConfigInput[S]>> };

export function controllerTestConfig(overrides: ConfigOverrides = {}): RunConfig {
  const parsed = parseRunConfig({
    architecture: { family: 'Basic3ResNet', seedDepths: [1, 1, 1], maxDepths: [10, 10, 10], ...overrides.architecture },
    growth: { policy: 'periodic', interval: 1, mode: 'group', initializer: 'GauInit', initScale: 1, ...overrides.growth },
    stop: { tau: 0.05, window: 2, metric: 'max', ...overrides.stop },
    optimizer: { learningRate: 0.1, ...overrides.optimizer },
    fineTune: { epochs: 1, lrSteps: [], lrFactor: 0.1, ...overrides.fineTune },
    budget: { ...overrides.budget },
  });
  if (!parsed.ok) throw new Error(`controllerTestConfig: ${parsed.error}`);
  return parsed.value;
}

function describeEffect({ epoch, effect }: TimedEffect): string {
  switch (effect.type) {
    case 'grow':
    case 'freeze':
      return `${epoch} ${effect.type} ${effect.stage}`;
    case 'set-learning-rate':
      return `${epoch} lr ${Number(effect.learningRate.toPrecision(6))}`;
    case 'adam-init':
      return `${epoch} adam-init ${effect.stages.join(',')} target ${effect.targetTrainAcc}`;
    default:
      return `${epoch} ${effect.type}`;
  }
}

const curve = (valAccs: readonly number[]): EpochResult[] => valAccs.map((valAcc) => ({ valAcc, trainAcc: valAcc + 5, trainLoss: 1 }));

/** Replays valAccs (trainAcc 5 points higher); each effect reads "<epochs finished> <effect>". */
export function runScenario(overrides: ConfigOverrides, valAccs: readonly number[]): { state: ControllerState; effects: string[] } {
  const { state, effects } = replayCurve(controllerTestConfig(overrides), curve(valAccs));
  return { state, effects: effects.map(describeEffect) };
}
