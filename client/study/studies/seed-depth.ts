// Table 11: a shallow or a deeper seed network.
import { derive } from '../derive.ts';
import { laptopBase } from '../scale.ts';
import type { Study } from '../study.ts';
import { fixedVariant, meanStd, testAccs, totalDepths } from './common.ts';

const base = laptopBase('fashion-mnist');
const SEEDS = [[1, 1, 1], [3, 3, 3]];
const label = (depths: number[]): string => `seed ${depths.join('-')}`;

export const seedDepthStudy: Study = {
  name: 'seed-depth',
  title: 'Depth of the seed network',
  base,
  claim: 'Table 11 (CIFAR-10, K=3, GauInit): the seed depth has little effect: a deeper seed (5-5-5 vs 1-1-1) ends at a similar net ' +
    '(46-46-46 vs 42-42-42) and accuracy (94.16% vs 94.27%).',
  variants: SEEDS.map((seedDepths) => fixedVariant(label(seedDepths), label(seedDepths), derive(base, { architecture: { seedDepths } }))),
  plot: { x: 'depth' },
  findings(results) {
    return SEEDS.map((depths) => `${label(depths)}: found depth ${meanStd(totalDepths(results, label(depths)), 1)} sub-modules, test accuracy ${meanStd(testAccs(results, label(depths)))}%.`);
  },
};
