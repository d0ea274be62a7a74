// The paper studies' run configs, checked without training: each parses, keeps to the laptop scale,
// changes what its label says, and equal runs share one key across studies.
import { describe, expect, it } from 'vitest';
import { networkCost } from '../../shared/config/budget.ts';
import { parseRunConfig, type RunConfig } from '../../shared/config/run-config.ts';
import { runKey } from './run-key.ts';
import { findStudy, PAPER_STUDIES } from './studies/index.ts';
import type { Variant } from './study.ts';

function configOf(variant: Variant, seed = 1): RunConfig {
  const parsed = parseRunConfig({ ...variant.config({ seed, result: () => { throw new Error('no result in this test'); } }), name: variant.label, seed });
  if (!parsed.ok) throw new Error(`${variant.label}: ${parsed.error}`);
  return parsed.value;
}
const variant = (study: string, label: string): Variant => findStudy(study)!.variants.find((v) => v.label === label)!;

describe('the paper studies', () => {
  it.each(PAPER_STUDIES.map((s) => [s.name, s] as const))('%s: every run that needs no other parses, on MNIST or FashionMNIST', (_, study) => {
    for (const v of study.variants.filter((v) => !v.needs)) {
      expect(['mnist', 'fashion-mnist']).toContain(configOf(v).dataset.name);
      expect(configOf(v, 2).seed).toBe(2);
    }
  });

  it('keys a run by what it trains: the label does not count, the seed does, and studies share their equal runs', () => {
    const base = configOf(variant('init', 'GauInit'));
    expect(runKey({ ...base, name: 'other', group: 'period' })).toBe(runKey(base));
    expect(runKey(configOf(variant('init', 'GauInit'), 2))).not.toBe(runKey(base));
    expect(runKey(configOf(variant('period', 'K=3')))).toBe(runKey(base));
    expect(runKey(configOf(variant('seed-depth', 'seed 1-1-1')))).toBe(runKey(base));
  });

  it('subsamples keep 200 validation images and rescale K, J, the growing cap and the fine-tune epochs', () => {
    const quarter = configOf(variant('subsample', '25% (K=12)'));
    expect(quarter.dataset).toMatchObject({ trainLimit: 400, validationFraction: 0.5 });
    expect(quarter.growth).toMatchObject({ interval: 12, maxGrowingEpochs: 72 });
    expect(quarter.stop.window).toBe(12);
    expect(quarter.fineTune.epochs).toBe(24);
    expect(configOf(variant('subsample', '75% (K=4)')).dataset).toMatchObject({ trainLimit: 800, validationFraction: 0.25 });
  });

  it('from-scratch nets start at their depth with nothing to grow and spend every epoch in the staircase', () => {
    const sweep = configOf(variant('scratch', 'from scratch 4-4-4'));
    expect(sweep.architecture).toMatchObject({ seedDepths: [4, 4, 4], maxDepths: [4, 4, 4] });
    expect(sweep.fineTune).toMatchObject({ epochs: 24, lrSteps: [0.5, 0.75] });
  });

  it('grows under each budget with the stop policy off, and sets the MAC budget at the cost of 3-3-3', () => {
    const grown = configOf(variant('budget', findStudy('budget')!.variants[6]!.label));
    expect(grown.budget.multiplyAccumulates).toBe(networkCost(grown, [3, 3, 3]).multiplyAccumulates);
    const small = configOf(variant('budget', 'grown, parameters <= 12 k'));
    expect(small.budget).toEqual({ parameters: 12_000, multiplyAccumulates: null, latencyMs: null });
    expect(small.stop.tau).toBe(0);
    expect(small.growth).toMatchObject({ interval: 2, maxGrowingEpochs: 24 });
  });
});
