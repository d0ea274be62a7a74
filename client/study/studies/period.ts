// Table 8: the growth period K of p-AutoGrow, and convergent growth, under GauInit.
import { derive } from '../derive.ts';
import { laptopBase } from '../scale.ts';
import type { Study } from '../study.ts';
import { fixedVariant, meanStd, testAccs, totalDepths } from './common.ts';

const base = laptopBase('fashion-mnist');
const PERIODS = [1, 2, 3, 4, 8];
/** Six growths fit in the cap at every K: it grows with K above 3 (the base's 18 epochs). */
const growingCap = (interval: number): number => Math.max(18, 6 * interval);
/** c-AutoGrow grows once the validation maximum gained less than tau over this many epochs (J of the base). */
const CONVERGENT_INTERVAL = 3;

export const periodStudy: Study = {
  name: 'period',
  title: 'Growth period K (GauInit), and convergent growth',
  base,
  claim: 'Table 8 (CIFAR-10/100, Basic3ResNet, GauInit): a smaller K grows a deeper network (K=50: 6-5-3, K=3: 42-42-42, K=1: 77-76-76) ' +
    'and accuracy rises up to K=3, then plateaus; convergent growth finds the shallowest nets and the lowest accuracy.',
  variants: [
    ...PERIODS.map((interval) => fixedVariant(`K=${interval}`, `K=${interval}`, derive(base, { growth: { interval, maxGrowingEpochs: growingCap(interval) } }))),
    fixedVariant(`convergent (K=${CONVERGENT_INTERVAL})`, 'convergent', derive(base, { growth: { policy: 'convergent', interval: CONVERGENT_INTERVAL, maxGrowingEpochs: growingCap(8) } })),
  ],
  plot: { x: 'depth' },
  findings(results) {
    const labels = [...PERIODS.map((k) => `K=${k}`), `convergent (K=${CONVERGENT_INTERVAL})`];
    return [
      `Mean found depth (sub-modules): ${labels.map((label) => `${label} ${meanStd(totalDepths(results, label), 1)}`).join(', ')}.`,
      `Mean test accuracy: ${labels.map((label) => `${label} ${meanStd(testAccs(results, label))}`).join(', ')}.`,
      `The cap on growing epochs is ${PERIODS.map((k) => `${growingCap(k)} at K=${k}`).join(', ')} and ${growingCap(8)} for convergent growth.`,
    ];
  },
};
