// Table 9's Delta and Figure 3: each found net trained from scratch with the same epochs and the
// staircase schedule, a depth sweep of from-scratch nets, and the plain family grown vs from scratch.
import { derive, fromScratch } from '../derive.ts';
import { laptopBase, type StudyDataset } from '../scale.ts';
import type { Study, Variant } from '../study.ts';
import { fixedVariant, meanStd, pairedDifferences, testAccs, totalDepths } from './common.ts';

const fashion = laptopBase('fashion-mnist');
/** Every grown run of the base ends within its 18 growing and 6 fine-tune epochs: the sweep trains that long. */
const SCRATCH_EPOCHS = 24;
const SWEEP_DEPTHS = [1, 2, 3, 4, 6];
const sweepLabel = (depth: number): string => `from scratch ${depth}-${depth}-${depth}`;
const DATASETS: { name: StudyDataset; words: string }[] = [{ name: 'fashion-mnist', words: 'FashionMNIST' }, { name: 'mnist', words: 'MNIST' }];
const grownLabel = (words: string): string => `grown, ${words}`;
const rebuiltLabel = (words: string): string => `found net from scratch, ${words}`;
const PLAIN_GROWN = 'Plain3Net grown';
const PLAIN_SCRATCH = 'Plain3Net found net from scratch';

/** The found net of `grown` (same seed) from scratch, for as many epochs as the grown run took. */
function rebuilt(label: string, series: string, grown: string): Variant {
  return {
    label, series, needs: [grown],
    config: ({ seed, result }) => {
      const found = result(grown);
      return { ...fromScratch(found.config, found.depths, found.epochs), seed };
    },
  };
}

// The paper's plain nets train at LR 0.01 (its baselines); the growth settings stay the base's.
const plain = derive(fashion, { architecture: { family: 'Plain3Net' }, optimizer: { learningRate: 0.01 } });

export const scratchStudy: Study = {
  name: 'scratch',
  title: 'Grown nets against the same nets trained from scratch, and a from-scratch depth sweep',
  base: fashion,
  claim: 'Table 9 (Basic4ResNet): the found net reaches about what the same net trained from scratch does (Delta, grown minus scratch: MNIST +0.01, ' +
    'FashionMNIST -0.17 points). Figure 3: the found ResNet depth lands where the from-scratch accuracy curve saturates; a grown plain net (VGG-BN) ' +
    'beats the same depth from scratch, which fails to train.',
  variants: [
    ...DATASETS.flatMap(({ name, words }) => [
      fixedVariant(grownLabel(words), 'grown', name === 'mnist' ? laptopBase('mnist') : fashion),
      rebuilt(rebuiltLabel(words), 'found net from scratch', grownLabel(words)),
    ]),
    ...SWEEP_DEPTHS.map((depth) => fixedVariant(sweepLabel(depth), 'from scratch (sweep)', fromScratch(fashion, [depth, depth, depth], SCRATCH_EPOCHS))),
    fixedVariant(PLAIN_GROWN, PLAIN_GROWN, plain),
    rebuilt(PLAIN_SCRATCH, PLAIN_SCRATCH, PLAIN_GROWN),
  ],
  plot: { x: 'depth', lineSeries: ['from scratch (sweep)'], datasets: ['fashion-mnist'] },
  findings(results) {
    const deltas = DATASETS.map(({ words }) => `${words} ${meanStd(pairedDifferences(results, grownLabel(words), rebuiltLabel(words)))}`);
    const sweep = SWEEP_DEPTHS.map((depth) => `${depth * 3}: ${meanStd(testAccs(results, sweepLabel(depth)))}`);
    return [
      `Delta (grown minus the same net from scratch, paired by seed, points): ${deltas.join('; ')}.`,
      `From-scratch sweep on FashionMNIST, test accuracy by total sub-modules: ${sweep.join(', ')}; the grown nets have ${meanStd(totalDepths(results, grownLabel('FashionMNIST')), 1)}.`,
      `Plain3Net: grown ${meanStd(testAccs(results, PLAIN_GROWN))}, the found net from scratch ${meanStd(testAccs(results, PLAIN_SCRATCH))} (Delta ${meanStd(pairedDifferences(results, PLAIN_GROWN, PLAIN_SCRATCH))}).`,
      'The plot shows FashionMNIST only; the MNIST rows are in the table.',
    ];
  },
};
