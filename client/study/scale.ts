// The laptop scale every study starts from, sized so that all studies with 3 seeds train in about
// an hour and a half, one run at a time, on a 2-core machine (measured: docs/study/README.md);
// and the sentence each table states it in.
import type { RunConfig, RunConfigInput } from '../../shared/config/run-config.ts';
import { datasetFacts } from '../../shared/dataset/facts.ts';

export type StudyDataset = 'mnist' | 'fashion-mnist';

/**
 * The paper's p-AutoGrow setting (Basic3ResNet, GauInit, K=3, tau 0.05, staircase fine-tune)
 * shrunk: 4-8-16 channels, 1000 training images of which 200 validate, at most 18 growing epochs
 * (6 growths) and 6 fine-tune epochs. Batch 32 at LR 0.05: 25 steps an epoch, so the new block's
 * BN statistics settle within one; J=3 (not J >> K as the paper asks): a longer window never
 * closes within 18 epochs at this scale, so only the growing cap would stop growth. One task
 * covers the whole epoch, whose honest delta can pass the fleet's default norm bound (1000), a
 * guard against forged reports that a run in one process does not need.
 */
export function laptopBase(dataset: StudyDataset): RunConfigInput {
  return {
    name: 'base',
    dataset: { name: dataset, trainLimit: 1000, validationFraction: 0.2, shardSize: 1000 },
    architecture: { family: 'Basic3ResNet', widths: [4, 8, 16], seedDepths: [1, 1, 1], maxDepths: [8, 8, 8] },
    growth: { policy: 'periodic', interval: 3, mode: 'group', initializer: 'GauInit', initScale: 1, maxGrowingEpochs: 18 },
    stop: { tau: 0.05, window: 3, metric: 'max' },
    optimizer: { learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4, batchSize: 32 },
    fineTune: { epochs: 6, lrSteps: [0.5, 0.75], lrFactor: 0.1 },
    fleet: { roundSize: 1, maxDeltaNorm: 1e6 },
  };
}

const DATASET_NAMES: Record<string, string> = { mnist: 'MNIST', 'fashion-mnist': 'FashionMNIST', synthetic: 'synthetic data' };

/** The scale in one sentence, read off a config (the study's base). */
export function scaleNote(config: RunConfig): string {
  const { dataset, architecture, growth, stop, optimizer, fineTune } = config;
  const facts = datasetFacts(dataset);
  const images = dataset.trainLimit ?? facts.trainSize;
  const validation = Math.round(images * dataset.validationFraction);
  const steps = fineTune.lrSteps.map((step) => `${step}`).join(', ');
  return `${DATASET_NAMES[dataset.name] ?? dataset.name}: the first ${images} training images (${images - validation} train, ${validation} validation), ` +
    `test accuracy on all ${facts.testSize} test images. ${architecture.family} with widths ${architecture.widths.join('-')}, seed ${architecture.seedDepths.join('-')}, ` +
    `max ${architecture.maxDepths.join('-')}. ${growth.policy === 'periodic' ? 'p' : 'c'}-AutoGrow K=${growth.interval}, J=${stop.window}, tau=${stop.tau}, ` +
    `${growth.initializer}, at most ${growth.maxGrowingEpochs} growing epochs; ${fineTune.epochs} fine-tune epochs (LR x${fineTune.lrFactor} at ${steps} of them). ` +
    `SGD LR ${optimizer.learningRate}, batch ${optimizer.batchSize}, momentum ${optimizer.momentum}, weight decay ${optimizer.weightDecay}; one process, WASM engine.`;
}
