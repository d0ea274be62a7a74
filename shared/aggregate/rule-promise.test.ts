import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../random/generator.ts';
import { combineDeltas, type DeltaReport } from './combine-deltas.ts';
import { minimumReports, shortRoundProblem, toleratedReports, trimCount } from './rule-promise.ts';

describe('minimumReports', () => {
  it('is 1 for mean and norm-clip, 3 for median', () => {
    expect(minimumReports('mean', 0.1)).toBe(1);
    expect(minimumReports('norm-clip', 0.1)).toBe(1);
    expect(minimumReports('median', 0.1)).toBe(3);
  });

  it.each([[0.1, 10], [0.2, 5], [0.25, 4], [0.3, 4], [0.49, 3], [0.05, 20], [0.07, 15]])(
    'trimmed-mean with trimFraction %d needs %d reports',
    (fraction, needed) => expect(minimumReports('trimmed-mean', fraction)).toBe(needed),
  );

  it('is the first round size at which trimmed-mean trims one value per side, for 400 fractions', () => {
    for (let k = 1; k < 500; k += 1.25) {
      const fraction = k / 1000;
      const needed = minimumReports('trimmed-mean', fraction);
      expect(trimCount(fraction, needed), `fraction ${fraction}`).toBe(1);
      expect(trimCount(fraction, needed - 1), `fraction ${fraction}`).toBe(0);
    }
  });

  it('is unreachable for trimmed-mean with trimFraction 0, and says so', () => {
    expect(minimumReports('trimmed-mean', 0)).toBe(Number.POSITIVE_INFINITY);
    expect(shortRoundProblem('trimmed-mean', 0, 1024)).toContain('trims nothing in any round');
  });
});

describe('toleratedReports', () => {
  it('is floor(f n) for trimmed-mean, floor((n - 1) / 2) for median, 0 for mean and norm-clip', () => {
    expect([3, 4, 9, 10, 19, 20].map((n) => toleratedReports('trimmed-mean', 0.1, n))).toEqual([0, 0, 0, 1, 1, 2]);
    expect([1, 2, 3, 4, 5, 8].map((n) => toleratedReports('median', 0.1, n))).toEqual([0, 0, 1, 1, 2, 3]);
    expect(toleratedReports('mean', 0.1, 100)).toBe(0);
    expect(toleratedReports('norm-clip', 0.1, 100)).toBe(0);
  });

  // The promise itself: that many liars, each pulling every coordinate far to one side, and the
  // combined value stays within the honest reports' range.
  it.each([['trimmed-mean', 0.2], ['trimmed-mean', 0.1], ['median', 0.1]] as const)('%s (trimFraction %d) keeps its promise from the minimum round up', (rule, fraction) => {
    const random = new RandomGenerator(7);
    const report = (value: () => number): DeltaReport => ({ samples: 64, delta: [{ name: 'w', shape: [50], data: Float32Array.from({ length: 50 }, value) }] });
    for (let n = minimumReports(rule, fraction); n <= 24; n++) {
      const liars = toleratedReports(rule, fraction, n);
      expect(liars).toBeGreaterThanOrEqual(1);
      const honest = Array.from({ length: n - liars }, () => report(() => random.next() - 0.5));
      const lying = Array.from({ length: liars }, (_, i) => report(() => (i % 2 ? 1e6 : -1e6)));
      const outcome = combineDeltas([...lying, ...honest], rule, { trimFraction: fraction, maxDeltaNorm: 1 });
      if (!outcome.ok) throw new Error(outcome.error);
      outcome.value[0]!.data.forEach((value, j) => {
        const column = honest.map((h) => h.delta[0]!.data[j]!);
        expect(value).toBeGreaterThanOrEqual(Math.min(...column));
        expect(value).toBeLessThanOrEqual(Math.max(...column));
      });
    }
  });
});

describe('shortRoundProblem', () => {
  it('names the rule, the reports it needs and the reports it got', () => {
    expect(shortRoundProblem('trimmed-mean', 0.1, 4)).toBe('trimmed-mean needs at least 10 reports in a round (trimFraction 0.1 trims one value per side only from 10 reports on), got 4');
    expect(shortRoundProblem('median', 0.1, 2)).toBe('median needs at least 3 reports in a round (the median of fewer than 3 is moved by a single liar), got 2');
    expect(shortRoundProblem('median', 0.1, 3)).toBeNull();
    expect(shortRoundProblem('mean', 0.1, 1)).toBeNull();
  });
});
