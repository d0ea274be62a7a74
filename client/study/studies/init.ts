// Table 7: the four initializers of the new block's last BN under p-AutoGrow.
import { INITIALIZERS } from '../../../shared/config/run-config.ts';
import { derive } from '../derive.ts';
import { laptopBase } from '../scale.ts';
import type { Study } from '../study.ts';
import { fixedVariant, mean, meanStd, testAccs, totalDepths } from './common.ts';

const base = laptopBase('fashion-mnist');

export const initStudy: Study = {
  name: 'init',
  title: 'Initializers of the new sub-module (p-AutoGrow, K=3)',
  base,
  claim: 'Table 7 (CIFAR-10/100, Basic3ResNet, K=3): GauInit reaches the best accuracy and grows the deepest network; ' +
    'the random initializers (UniInit, GauInit) beat the function-preserving ones (ZeroInit, AdamInit).',
  variants: INITIALIZERS.map((initializer) => fixedVariant(initializer, initializer, derive(base, { growth: { initializer } }))),
  plot: { x: 'depth' },
  findings(results) {
    const ranked = INITIALIZERS.map((label) => ({ label, acc: testAccs(results, label), depth: totalDepths(results, label) }))
      .filter((r) => r.acc.length > 0);
    if (ranked.length === 0) return [];
    const byAcc = [...ranked].sort((a, b) => mean(b.acc) - mean(a.acc));
    const byDepth = [...ranked].sort((a, b) => mean(b.depth) - mean(a.depth));
    return [
      `By mean test accuracy: ${byAcc.map((r) => `${r.label} ${meanStd(r.acc)}`).join(' > ')}.`,
      `By mean found depth (sub-modules): ${byDepth.map((r) => `${r.label} ${meanStd(r.depth, 1)}`).join(' > ')}.`,
    ];
  },
};
