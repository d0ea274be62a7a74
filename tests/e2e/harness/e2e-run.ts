// The run the end-to-end tests create: the 'tiny' preset (synthetic 12x12 images, 4 classes,
// seed network 1-1-1, K=1, J=2, 2 fine-tune epochs) with enough images that validation accuracy
// means something: 384 train, 128 val and 128 test images in shards of 64.
import { presetConfig } from '../../../shared/config/presets.ts';
import type { RunConfig } from '../../../shared/config/run-config.ts';
import { datasetLayout } from '../../../shared/dataset/index.ts';

export function e2eRunConfig(fleet: Partial<RunConfig['fleet']>): RunConfig {
  const tiny = presetConfig('tiny');
  if (!tiny.ok) throw new Error(`e2eRunConfig: ${tiny.error}`);
  const config = tiny.value;
  const synthetic = { ...config.dataset.synthetic!, trainSize: 512, testSize: 128 };
  return {
    ...config,
    name: 'e2e-tiny',
    dataset: { ...config.dataset, synthetic },
    // 0.1 (the ResNet default) overshoots with 6 steps per shard; 0.05 learns this data in two epochs.
    optimizer: { ...config.optimizer, learningRate: 0.05 },
    fleet: { ...config.fleet, ...fleet },
  };
}

/** Images in the train split: every epoch must pass over exactly these, once each. */
export function trainSplitSize(config: RunConfig): number {
  return datasetLayout(config.dataset).train.reduce((sum, shard) => sum + shard.count, 0);
}
