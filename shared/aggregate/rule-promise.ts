// What each aggregation rule promises against reports that lie, and the fewest reports a round
// needs for the rule to keep that promise. The promise of 'trimmed-mean' and 'median': with at
// most toleratedReports arbitrary reports in a round, every coordinate of the combined delta lies
// between the smallest and the largest honest value. 'mean' promises nothing (breakdown point 0);
// 'norm-clip' has breakdown point 0 too, but bounds each report's pull on the combined delta by
// its sample share times maxDeltaNorm, whatever the round's size.
import type { AggregationRule } from '../config/run-config.ts';

/** Values cut from each end of every coordinate by 'trimmed-mean' in a round of `reports`. */
export function trimCount(trimFraction: number, reports: number): number {
  return Math.floor(trimFraction * reports);
}

/** Arbitrary reports a round of `reports` withstands with every coordinate within the honest range. */
export function toleratedReports(rule: AggregationRule, trimFraction: number, reports: number): number {
  if (rule === 'trimmed-mean') return trimCount(trimFraction, reports);
  if (rule === 'median') return Math.max(0, Math.floor((reports - 1) / 2));
  return 0;
}

/**
 * The fewest reports a round needs for the rule's promise: one tolerated liar for 'trimmed-mean'
 * (the first n with floor(trimFraction * n) >= 1, about 1 / trimFraction; none with fraction 0)
 * and 'median' (3), any round for 'mean' and 'norm-clip'.
 */
export function minimumReports(rule: AggregationRule, trimFraction: number): number {
  if (rule === 'median') return 3;
  if (rule !== 'trimmed-mean') return 1;
  if (!(trimFraction > 0)) return Number.POSITIVE_INFINITY;
  // floor(1 / f) - 1 is below the answer whatever the rounding of 1 / f; count up from there.
  let reports = Math.max(1, Math.floor(1 / trimFraction) - 1);
  while (trimCount(trimFraction, reports) < 1) reports++;
  return reports;
}

/** Why a round of `reports` is too small for the rule, or null when it may be combined; `got` says where the count comes from. */
export function shortRoundProblem(rule: AggregationRule, trimFraction: number, reports: number, got = `got ${reports}`): string | null {
  const needed = minimumReports(rule, trimFraction);
  if (reports >= needed) return null;
  if (needed === Number.POSITIVE_INFINITY) return `trimmed-mean with trimFraction ${trimFraction} trims nothing in any round: raise trimFraction or use mean`;
  const why = rule === 'median' ? 'the median of fewer than 3 is moved by a single liar' : `trimFraction ${trimFraction} trims one value per side only from ${needed} reports on`;
  return `${rule} needs at least ${needed} reports in a round (${why}), ${got}`;
}
