// The batch reference the streaming rules' tests check against (running-sum.ts,
// blockwise-rules.ts): a whole round's deltas in memory as named tensors, combined by the
// aggregation rule in the plainest way. A round too small for the rule's promise (rule-promise.ts)
// is refused, not averaged; with a single report 'mean' and 'norm-clip' (within the norm) return
// that delta bit for bit.
import type { AggregationRule } from '../config/run-config.ts';
import type { Result } from '../result/index.ts';
import type { NamedTensor } from '../state/types.ts';
import { medianInto, trimmedMeanInto } from './coordinate-statistics.ts';
import { alignByName } from './match-tensors.ts';
import { minimumReports, shortRoundProblem, trimCount } from './rule-promise.ts';

export interface DeltaReport {
  delta: NamedTensor[];
  /** Training samples behind the delta: the weight of the report in 'mean' and 'norm-clip'. */
  samples: number;
}

export interface CombineOptions {
  /** 'trimmed-mean' drops trimCount(trimFraction, reports) values at each end of every coordinate. */
  trimFraction: number;
  /** 'norm-clip' scales each delta down to at most this L2 norm. */
  maxDeltaNorm: number;
}

/**
 * sum_r coefficients[r] * sources[r], accumulated in double. The first term initializes the
 * accumulator, so a coefficient of exactly 1 reproduces its source bit for bit (even -0).
 */
function linearCombinationInto(out: Float32Array, sources: Float32Array[], coefficients: number[]): void {
  const accumulator = new Float64Array(out.length);
  const first = sources[0]!;
  const c0 = coefficients[0]!;
  for (let j = 0; j < out.length; j++) accumulator[j] = c0 * first[j]!;
  for (let r = 1; r < sources.length; r++) {
    const source = sources[r]!;
    const c = coefficients[r]!;
    for (let j = 0; j < out.length; j++) accumulator[j] = accumulator[j]! + c * source[j]!;
  }
  out.set(accumulator);
}

/** Sample weights, each delta first scaled by `scales[r]`, normalized to sum 1. */
function weightedCoefficients(reports: DeltaReport[], scales: number[]): number[] {
  const total = reports.reduce((sum, report) => sum + report.samples, 0);
  return reports.map((report, r) => (report.samples / total) * scales[r]!);
}

/** L2 norm over every value of every tensor, accumulated in double: norm-clip's measure. */
export function deltaNorm(delta: NamedTensor[]): number {
  let squares = 0;
  for (const t of delta) {
    const data = t.data;
    for (let j = 0; j < data.length; j++) squares += data[j]! * data[j]!;
  }
  return Math.sqrt(squares);
}

/** The combined delta, or a round too small for the rule: `needed` reports would keep its promise. */
export type CombineOutcome = Result<NamedTensor[], { needed: number }>;

/**
 * Throws on no reports, a non-positive sample count, mismatched tensors or options out of range:
 * the tests hand it well-formed rounds, so each of those is a bug.
 */
export function combineDeltas(reports: DeltaReport[], rule: AggregationRule, options: CombineOptions): CombineOutcome {
  if (reports.length === 0) throw new Error('combineDeltas: expected at least one report, got none');
  for (const [r, report] of reports.entries()) {
    if (!(report.samples > 0) || !Number.isFinite(report.samples)) {
      throw new Error(`combineDeltas: report ${r} should have a positive sample count, got ${report.samples}`);
    }
  }
  if (!(options.trimFraction >= 0 && options.trimFraction < 0.5)) {
    throw new Error(`combineDeltas: trimFraction should be in [0, 0.5), got ${options.trimFraction}`);
  }
  if (!(options.maxDeltaNorm > 0)) throw new Error(`combineDeltas: maxDeltaNorm should be positive, got ${options.maxDeltaNorm}`);
  const short = shortRoundProblem(rule, options.trimFraction, reports.length);
  if (short) return { ok: false, error: `combineDeltas: ${short}`, needed: minimumReports(rule, options.trimFraction) };

  const template = reports[0]!.delta;
  const aligned = reports.map((report) => alignByName(template, report.delta, 'combineDeltas'));
  const coefficients =
    rule === 'mean' ? weightedCoefficients(reports, reports.map(() => 1))
    : rule === 'norm-clip' ? weightedCoefficients(reports, reports.map((report) => Math.min(1, options.maxDeltaNorm / deltaNorm(report.delta))))
    : [];
  const trim = trimCount(options.trimFraction, reports.length);

  const delta = template.map((t, i) => {
    const sources = aligned.map((tensors) => tensors[i]!.data);
    const data = new Float32Array(t.data.length);
    if (rule === 'trimmed-mean') trimmedMeanInto(data, sources, trim);
    else if (rule === 'median') medianInto(data, sources);
    else linearCombinationInto(data, sources, coefficients);
    return { name: t.name, shape: [...t.shape], data };
  });
  return { ok: true, value: delta };
}
