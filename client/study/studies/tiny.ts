// A study of seconds, for the smoke test and a first try: the tiny preset (synthetic data) grown,
// and its found net from scratch.
import { presetConfig } from '../../../shared/config/presets.ts';
import { fromScratch } from '../derive.ts';
import type { Study } from '../study.ts';
import { fixedVariant, meanStd, pairedDifferences } from './common.ts';

const tiny = presetConfig('tiny');
if (!tiny.ok) throw new Error(tiny.error);
const base = tiny.value;

export const tinyStudy: Study = {
  name: 'tiny',
  title: 'Smoke study: the tiny preset grown, and its found net from scratch',
  base,
  claim: 'None: a check that the study tool runs end to end in seconds.',
  variants: [
    fixedVariant('grown', 'grown', base),
    {
      label: 'found net from scratch', series: 'from scratch', needs: ['grown'],
      config: ({ seed, result }) => ({ ...fromScratch(base, result('grown').depths, result('grown').epochs), seed }),
    },
  ],
  plot: { x: 'depth' },
  findings: (results) => [`Grown minus from scratch, by seed: ${meanStd(pairedDifferences(results, 'grown', 'found net from scratch'))}.`],
};
