// Table 10: fewer training images, with K (and J, the growing cap and the fine-tune epochs)
// rescaled so that every phase keeps its number of mini-batches.
import { derive } from '../derive.ts';
import { laptopBase } from '../scale.ts';
import type { Study } from '../study.ts';
import { fixedVariant, meanStd, testAccs, totalDepths } from './common.ts';

const base = laptopBase('fashion-mnist');
/** The base validates on 200 of its 1000 images; every subsample keeps those 200 and trains on a share of the 800. */
const VALIDATION = 200;
const TRAIN = 800;
const SHARES = [1, 0.75, 0.5, 0.25];

function subsample(share: number) {
  const images = VALIDATION + TRAIN * share;
  // Divided, not multiplied by 1 / share: 3 / 0.75 is exactly 4.
  return derive(base, {
    dataset: { trainLimit: images, validationFraction: VALIDATION / images, shardSize: images },
    growth: { interval: 3 / share, maxGrowingEpochs: 18 / share },
    stop: { window: 3 / share },
    fineTune: { epochs: 6 / share },
  });
}

const label = (share: number): string => `${share * 100}% (K=${3 / share})`;

export const subsampleStudy: Study = {
  name: 'subsample',
  title: 'Subsampled training set, K rescaled',
  base,
  claim: 'Table 10 (CIFAR-100, Basic4ResNet; similar on CIFAR-10, MNIST, SVHN): with K rescaled to keep the mini-batches between growths constant, ' +
    'the found net shrinks monotonically with the data (100%: 17-51-16-16, 75%: 17-17-16-16, 50%: 12-12-12-11, 25%: 6-6-6-6) and so does accuracy.',
  variants: SHARES.map((share) => fixedVariant(label(share), label(share), subsample(share))),
  plot: { x: 'depth' },
  findings(results) {
    return [
      `Mean found depth (sub-modules): ${SHARES.map((share) => `${label(share)} ${meanStd(totalDepths(results, label(share)), 1)}`).join(', ')}.`,
      `Mean test accuracy: ${SHARES.map((share) => `${label(share)} ${meanStd(testAccs(results, label(share)))}`).join(', ')}.`,
      `Every subsample validates on the same number of images (${VALIDATION}); J, the cap on growing epochs and the fine-tune epochs are rescaled with K.`,
    ];
  },
};
