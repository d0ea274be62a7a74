// Named run configs an operator can start from: the paper's CIFAR-10 run, a laptop demo, and a
// tiny run for tests. Each is a RunConfigInput, parsed like any other config.
import { fail, type Result } from '../result/index.ts';
import { parseRunConfig, type RunConfig, type RunConfigInput } from './run-config.ts';

const PRESETS: Record<string, RunConfigInput> = {
  /** The paper's p-AutoGrow CIFAR-10 run (Basic3ResNet, K=3, GauInit; it found 42-42-42 at 94.27%). */
  'paper-cifar10': {
    name: 'paper-cifar10',
    dataset: { name: 'cifar10' },
    architecture: { family: 'Basic3ResNet', widths: [16, 32, 64], seedDepths: [1, 1, 1], maxDepths: [200, 200, 200] },
    growth: { policy: 'periodic', interval: 3, mode: 'group', initializer: 'GauInit', initScale: 1 },
    stop: { tau: 0.05, window: 100 },
    optimizer: { learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4, batchSize: 128 },
    fineTune: { epochs: 200, lrSteps: [0.5, 0.75], lrFactor: 0.1 },
  },
  /**
   * A whole grow-freeze-fine-tune run on MNIST that a 2-core laptop finishes on WASM in about 4
   * minutes: the stop policy (J=2) freezes each stage at 3-4 sub-modules, then 4 fine-tune epochs
   * reach about 99% test accuracy (npm run grow -- --preset mnist-demo: 5-4-4, 99.28%).
   */
  'mnist-demo': {
    name: 'mnist-demo',
    // 500-image shards: 36 train tasks an epoch, so rounds of 8 or 32 volunteers leave little idle.
    dataset: { name: 'mnist', trainLimit: 20000, shardSize: 500 },
    architecture: { family: 'Basic3ResNet', widths: [8, 16, 32], seedDepths: [1, 1, 1], maxDepths: [6, 6, 6] },
    growth: { policy: 'periodic', interval: 1, mode: 'group', initializer: 'GauInit' },
    stop: { tau: 0.05, window: 2 },
    optimizer: { learningRate: 0.1, batchSize: 64 },
    fineTune: { epochs: 4 },
  },
  /**
   * mnist-demo on all 60,000 MNIST training images (10% held out for validation): 108 train tasks
   * an epoch, so a fleet of a hundred volunteers still gets full rounds (weak scaling).
   */
  'mnist-full': {
    name: 'mnist-full',
    dataset: { name: 'mnist', shardSize: 500 },
    architecture: { family: 'Basic3ResNet', widths: [8, 16, 32], seedDepths: [1, 1, 1], maxDepths: [6, 6, 6] },
    growth: { policy: 'periodic', interval: 1, mode: 'group', initializer: 'GauInit' },
    stop: { tau: 0.05, window: 2 },
    optimizer: { learningRate: 0.1, batchSize: 64 },
    fineTune: { epochs: 4 },
    fleet: { roundSize: 128 },
  },
  /** Seconds-long runs for unit, integration and end-to-end tests: generated data, a few small blocks. */
  tiny: {
    name: 'tiny',
    dataset: {
      name: 'synthetic',
      synthetic: { input: { height: 12, width: 12, channels: 1 }, classes: 4, trainSize: 256, testSize: 64 },
      validationFraction: 0.25,
      shardSize: 64,
    },
    architecture: { family: 'Basic3ResNet', widths: [4, 8, 8], seedDepths: [1, 1, 1], maxDepths: [3, 3, 3] },
    growth: { policy: 'periodic', interval: 1 },
    stop: { tau: 0.05, window: 2 },
    optimizer: { batchSize: 32 },
    fineTune: { epochs: 2, lrSteps: [0.5] },
    fleet: { roundSize: 1 },
  },
};

export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);

/** The named preset, parsed; an unknown name is an error that lists the known ones. */
export function presetConfig(name: string): Result<RunConfig> {
  // Object.hasOwn keeps inherited keys such as "constructor" from passing as preset names.
  if (!Object.hasOwn(PRESETS, name)) {
    return fail(`presetConfig: unknown preset "${name}"; known presets: ${PRESET_NAMES.join(', ')}`);
  }
  return parseRunConfig(PRESETS[name]);
}
