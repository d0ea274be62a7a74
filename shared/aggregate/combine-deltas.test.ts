import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../random/generator.ts';
import type { NamedTensor } from '../state/types.ts';
import { combineDeltas, deltaNorm, type CombineOptions, type DeltaReport } from './combine-deltas.ts';

// Naive references: plain number arrays, double precision, rounded to float32 at the end.
const column = (reports: DeltaReport[], t: number, j: number) => reports.map((r) => r.delta[t]!.data[j]!);
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const referenceRules = {
  mean: (values: number[], samples: number[]) => values.reduce((s, v, r) => s + v * samples[r]!, 0) / samples.reduce((a, b) => a + b, 0),
  trimmed: (values: number[], trim: number) => {
    const kept = sorted(values).slice(trim, values.length - trim);
    return kept.reduce((a, b) => a + b, 0) / kept.length;
  },
  median: (values: number[]) => {
    const s = sorted(values);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  },
};

const random = new RandomGenerator(2024);

function randomValues(n: number, spread: number): Float32Array {
  const data = new Float32Array(n);
  for (let j = 0; j < n; j++) data[j] = (random.next() - 0.5) * spread;
  return data;
}

function randomReport(samples: number, sizes: number[], spread = 1): DeltaReport {
  return { samples, delta: sizes.map((n, i) => ({ name: `t${i}`, shape: [n], data: randomValues(n, spread) })) };
}

/** Largest |got - fround(expected)| over every coordinate. */
function maxError(got: NamedTensor[], expected: (t: number, j: number) => number): number {
  let worst = 0;
  got.forEach((tensor, t) => tensor.data.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - Math.fround(expected(t, j)))))));
  return worst;
}

/** The combined delta of a round the rule accepts; a refusal fails the test that expected none. */
function combined(reports: DeltaReport[], rule: Parameters<typeof combineDeltas>[1], options: CombineOptions): NamedTensor[] {
  const outcome = combineDeltas(reports, rule, options);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.value;
}

const bits = (tensors: NamedTensor[]) => tensors.map((t) => Array.from(new Uint32Array(t.data.slice().buffer)));
const options = { trimFraction: 0.2, maxDeltaNorm: 10 };
// Values are at most 0.5 in size, so one float32 ulp is at most 2^-24 and the double-accumulated
// results may differ from the naive reference by that rounding only.
const TOLERANCE = 2 ** -24;

describe('deltaNorm', () => {
  it('is the L2 norm over every value of every tensor, in double', () => {
    const tensor = (name: string, values: number[]): NamedTensor => ({ name, shape: [values.length], data: Float32Array.from(values) });
    expect(deltaNorm([tensor('a', [3]), tensor('b', [0, 4])])).toBe(5);
    expect(deltaNorm([])).toBe(0);
    // 1e20 squared overflows float32 but not double.
    const norm = deltaNorm([tensor('big', [1e20, 1e20])]);
    expect(Math.abs(norm / (Math.SQRT2 * Math.fround(1e20)) - 1)).toBeLessThan(1e-15);
  });
});

describe('combineDeltas against naive references', () => {
  const reports = [randomReport(10, [300, 7]), randomReport(30, [300, 7]), randomReport(5, [300, 7]), randomReport(55, [300, 7]), randomReport(1, [300, 7])];

  it('mean is the sample-weighted mean', () => {
    const samples = reports.map((r) => r.samples);
    expect(maxError(combined(reports, 'mean', options), (t, j) => referenceRules.mean(column(reports, t, j), samples))).toBeLessThanOrEqual(TOLERANCE);
  });

  it('trimmed-mean drops floor(trimFraction * n) values at each end (here 1 of 5), unweighted', () => {
    expect(maxError(combined(reports, 'trimmed-mean', options), (t, j) => referenceRules.trimmed(column(reports, t, j), 1))).toBeLessThanOrEqual(TOLERANCE);
  });

  it('median is the coordinate-wise median, the mean of the middle two for an even count', () => {
    const even = reports.slice(0, 4);
    expect(maxError(combined(reports, 'median', options), (t, j) => referenceRules.median(column(reports, t, j)))).toBe(0);
    expect(maxError(combined(even, 'median', options), (t, j) => referenceRules.median(column(even, t, j)))).toBeLessThanOrEqual(TOLERANCE);
  });

  it('trimmed-mean and median agree with the references past the insertion-sort limit (40 reports)', () => {
    const many = Array.from({ length: 40 }, (_, r) => randomReport(r + 1, [50]));
    expect(maxError(combined(many, 'trimmed-mean', { ...options, trimFraction: 0.1 }), (t, j) => referenceRules.trimmed(column(many, t, j), 4))).toBeLessThanOrEqual(TOLERANCE);
    expect(maxError(combined(many, 'median', options), (t, j) => referenceRules.median(column(many, t, j)))).toBeLessThanOrEqual(TOLERANCE);
  });

  it('norm-clip scales each delta to at most maxDeltaNorm, then takes the sample-weighted mean', () => {
    const norms = reports.map((r) => deltaNorm(r.delta));
    const maxDeltaNorm = 4.5; // between the reports' norms (about 5), so some are clipped
    expect(norms.some((n) => n > maxDeltaNorm)).toBe(true);
    const scaled = reports.map((r, i) => ({ ...r, delta: r.delta.map((t) => ({ ...t, data: t.data.map((v) => v * Math.min(1, maxDeltaNorm / norms[i]!)) })) }));
    const samples = reports.map((r) => r.samples);
    const got = combined(reports, 'norm-clip', { ...options, maxDeltaNorm });
    // The reference scales in float32 first: one extra rounding per value.
    expect(maxError(got, (t, j) => referenceRules.mean(column(scaled, t, j), samples))).toBeLessThanOrEqual(2 * TOLERANCE);
  });

  it('returns the first report\'s tensor order whatever order the others use', () => {
    const reversed = { ...reports[1]!, delta: [...reports[1]!.delta].reverse() };
    const got = combined([reports[0]!, reversed], 'mean', options);
    expect(got.map((t) => t.name)).toEqual(['t0', 't1']);
    expect(maxError(got, (t, j) => referenceRules.mean(column([reports[0]!, reports[1]!], t, j), [10, 30]))).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('combineDeltas with a single report', () => {
  const awkward = Float32Array.of(-0, 0, 1e-45, -3.4028234663852886e38 / 1e30, 0.1, -7, 1 / 3);
  const single = [{ samples: 37, delta: [{ name: 'w', shape: [7], data: awkward }, { name: 'b', shape: [2], data: Float32Array.of(2, -2) }] }];

  it.each(['mean', 'norm-clip'] as const)('%s returns the delta bit for bit (-0 and subnormals included)', (rule) => {
    const got = combined(single, rule, { trimFraction: 0.4, maxDeltaNorm: 1e9 });
    expect(bits(got)).toEqual(bits(single[0]!.delta));
    expect(got[0]!.data).not.toBe(awkward);
  });

  it.each(['trimmed-mean', 'median'] as const)('%s refuses it: one report cannot outvote a liar', (rule) => {
    expect(combineDeltas(single, rule, { trimFraction: 0.4, maxDeltaNorm: 1e9 })).toEqual({ ok: false, error: expect.stringContaining(`${rule} needs at least 3 reports`), needed: 3 });
  });

  it('norm-clip scales an over-norm delta to exactly the limit (float32 rounding aside)', () => {
    const big = [{ samples: 3, delta: [{ name: 'w', shape: [2], data: Float32Array.of(30, 40) }] }];
    const got = combined(big, 'norm-clip', { trimFraction: 0, maxDeltaNorm: 10 });
    expect(Array.from(got[0]!.data)).toEqual([6, 8]);
  });
});

describe('combineDeltas robustness', () => {
  // Four honest reports near a shared update, one attacker sending a huge delta.
  const honest = Array.from({ length: 4 }, () => randomReport(100, [1000], 0.01));
  const attacker: DeltaReport = { samples: 100, delta: [{ name: 't0', shape: [1000], data: new Float32Array(1000).fill(1000) }] };
  const reports = [...honest.slice(0, 2), attacker, ...honest.slice(2)];
  const honestBound = 0.005; // every honest value lies in [-0.005, 0.005]

  it.each([['trimmed-mean'], ['median']] as const)('%s stays within the honest values despite one outlier among 5', (rule) => {
    const got = combined(reports, rule, { trimFraction: 0.2, maxDeltaNorm: 1 });
    expect(got[0]!.data.every((v) => Math.abs(v) <= honestBound)).toBe(true);
  });

  it.each([['trimmed-mean', 0.2, 5], ['median', 0.2, 3], ['trimmed-mean', 0.1, 10]] as const)(
    '%s (trimFraction %d) refuses a short round with the outlier instead of letting it through (needs %d)',
    (rule, trimFraction, needed) => {
      const short = [attacker, ...Array.from({ length: needed - 2 }, (_, r) => honest[r % honest.length]!)];
      expect(combineDeltas(short, rule, { trimFraction, maxDeltaNorm: 1 })).toEqual({ ok: false, error: expect.stringContaining(`got ${needed - 1}`), needed });
    },
  );

  it('mean does not (the outlier drags every coordinate to about 200)', () => {
    const got = combined(reports, 'mean', { trimFraction: 0.2, maxDeltaNorm: 1 });
    expect(got[0]!.data.every((v) => Math.abs(v - 200) < 0.01)).toBe(true);
  });

  it('norm-clip bounds the outlier\'s pull by maxDeltaNorm / 5 in norm', () => {
    const got = combined(reports, 'norm-clip', { trimFraction: 0.2, maxDeltaNorm: 1 });
    expect(deltaNorm(got)).toBeLessThanOrEqual(1 + 1e-6);
  });
});

describe('combineDeltas preconditions (bugs throw)', () => {
  const report = randomReport(1, [3]);
  it.each([
    ['no reports', [], 'expected at least one report'],
    ['zero samples', [{ ...report, samples: 0 }], 'positive sample count, got 0'],
    ['mismatched tensors', [report, randomReport(1, [4])], '"t0" has shape'],
  ] as const)('throws on %s', (_case, reports, message) => {
    expect(() => combined([...reports], 'mean', options)).toThrow(message);
  });

  it('throws on options out of range', () => {
    expect(() => combined([report], 'trimmed-mean', { trimFraction: 0.5, maxDeltaNorm: 1 })).toThrow('trimFraction should be in [0, 0.5)');
    expect(() => combined([report], 'norm-clip', { trimFraction: 0, maxDeltaNorm: 0 })).toThrow('maxDeltaNorm should be positive');
  });
});

describe('combineDeltas at scale', () => {
  it('combines 4 reports of 4M floats with every rule (no time assertion; the loops stay on typed arrays)', () => {
    const n = 4_000_000;
    const reports = Array.from({ length: 4 }, (_, r) => randomReport(r + 1, [n]));
    const probes = [0, 1, 12345, n - 1];
    for (const rule of ['mean', 'trimmed-mean', 'median', 'norm-clip'] as const) {
      const got = combined(reports, rule, { trimFraction: 0.25, maxDeltaNorm: 1e9 })[0]!.data;
      expect(got.length).toBe(n);
      for (const j of probes) {
        const values = column(reports, 0, j);
        const expected = rule === 'trimmed-mean' ? referenceRules.trimmed(values, 1)
          : rule === 'median' ? referenceRules.median(values)
          : referenceRules.mean(values, [1, 2, 3, 4]);
        expect(Math.abs(got[j]! - Math.fround(expected))).toBeLessThanOrEqual(TOLERANCE);
      }
    }
  });
});
