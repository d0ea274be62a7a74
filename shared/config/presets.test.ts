import { describe, expect, it } from 'vitest';
import { datasetLayout } from '../dataset/index.ts';
import { PRESET_NAMES, presetConfig } from './presets.ts';

const parsed = (name: string) => {
  const result = presetConfig(name);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('presetConfig', () => {
  it('names the four presets', () => {
    expect(PRESET_NAMES).toEqual(['paper-cifar10', 'mnist-demo', 'mnist-full', 'tiny']);
  });

  it.each(PRESET_NAMES)('parses %s into a config carrying its name', (name) => {
    expect(parsed(name).name).toBe(name);
  });

  it("gives 'paper-cifar10' the paper's CIFAR-10 setting", () => {
    const config = parsed('paper-cifar10');
    expect(config.dataset.name).toBe('cifar10');
    expect(config.architecture).toEqual({ family: 'Basic3ResNet', widths: [16, 32, 64], seedDepths: [1, 1, 1], maxDepths: [200, 200, 200] });
    expect(config.growth).toMatchObject({ policy: 'periodic', interval: 3, mode: 'group', initializer: 'GauInit', initScale: 1 });
    expect(config.stop).toEqual({ tau: 0.05, window: 100, metric: 'max' });
    expect(config.optimizer).toEqual({ learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4, batchSize: 128 });
    expect(config.fineTune).toEqual({ epochs: 200, lrSteps: [0.5, 0.75], lrFactor: 0.1 });
  });

  it("gives 'mnist-full' every MNIST training image in 108 train tasks an epoch, and rounds of up to 128", () => {
    const config = parsed('mnist-full');
    expect(config.dataset).toMatchObject({ name: 'mnist', trainLimit: null, validationFraction: 0.1, shardSize: 500 });
    const layout = datasetLayout(config.dataset);
    expect(layout.train).toHaveLength(108);
    expect(layout.train.reduce((sum, shard) => sum + shard.count, 0)).toBe(54000);
    expect(config.fleet.roundSize).toBe(128);
  });

  it("sizes 'mnist-demo' for a laptop: 20k MNIST images, max 6-6-6, one epoch per growth", () => {
    const config = parsed('mnist-demo');
    expect(config.dataset).toMatchObject({ name: 'mnist', trainLimit: 20000, shardSize: 500 });
    expect(config.architecture).toEqual({ family: 'Basic3ResNet', widths: [8, 16, 32], seedDepths: [1, 1, 1], maxDepths: [6, 6, 6] });
    expect(config.growth).toMatchObject({ interval: 1, initializer: 'GauInit' });
    expect(config.stop).toMatchObject({ tau: 0.05, window: 2 });
    expect(config.optimizer).toMatchObject({ learningRate: 0.1, batchSize: 64 });
    expect(config.fineTune.epochs).toBe(4);
    // Rounds as large as the fleet at work (elastic), deltas as blockwise int8.
    expect(config.fleet).toMatchObject({ roundSize: 32, deltaEncodings: ['int8', 'f16', 'f32'] });
  });

  it("makes 'tiny' a synthetic 12x12 four-class run split in shards of 64", () => {
    const config = parsed('tiny');
    expect(config.dataset).toMatchObject({
      name: 'synthetic',
      synthetic: { input: { height: 12, width: 12, channels: 1 }, classes: 4, trainSize: 256, testSize: 64 },
      validationFraction: 0.25,
      shardSize: 64,
    });
    expect(config.architecture).toMatchObject({ widths: [4, 8, 8], seedDepths: [1, 1, 1], maxDepths: [3, 3, 3] });
    expect(config.growth.interval).toBe(1);
    expect(config.stop).toMatchObject({ tau: 0.05, window: 2 });
    expect(config.optimizer.batchSize).toBe(32);
    expect(config.fineTune).toMatchObject({ epochs: 2, lrSteps: [0.5] });
    expect(config.fleet.roundSize).toBe(1);
  });

  it.each(['cifar10', 'constructor', ''])('refuses the unknown name "%s" and lists the known ones', (name) => {
    expect(presetConfig(name)).toEqual({
      ok: false,
      error: `presetConfig: unknown preset "${name}"; known presets: paper-cifar10, mnist-demo, mnist-full, tiny`,
    });
  });

  it('hands out a fresh config each time, so a caller editing one cannot change the preset', () => {
    const first = parsed('tiny');
    first.architecture.maxDepths.push(9);
    expect(parsed('tiny').architecture.maxDepths).toEqual([3, 3, 3]);
  });
});
