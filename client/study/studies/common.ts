// What several studies share: the parsed base, a variant that runs a config as is, and the
// numbers findings quote (mean, paired differences).
import { parseRunConfig, type RunConfig, type RunConfigInput } from '../../../shared/config/run-config.ts';
import type { StudyResults, Variant } from '../study.ts';
import { sumOf } from '../derive.ts';

export function parsedBase(input: RunConfigInput): RunConfig {
  const parsed = parseRunConfig(input);
  if (!parsed.ok) throw new Error(`study base config: ${parsed.error}`);
  return parsed.value;
}

/** A variant whose config does not depend on another's result. */
export function fixedVariant(label: string, series: string, config: RunConfigInput): Variant {
  return { label, series, config: ({ seed }) => ({ ...config, seed }) };
}

export const mean = (values: readonly number[]): number => sumOf(values) / values.length;

/** Mean and sample standard deviation, "mean ± std" with `digits` decimals; "–" for no values. */
export function meanStd(values: readonly number[], digits = 2): string {
  if (values.length === 0) return '–';
  const m = mean(values);
  if (values.length === 1) return m.toFixed(digits);
  const std = Math.sqrt(sumOf(values.map((v) => (v - m) ** 2)) / (values.length - 1));
  return `${m.toFixed(digits)} ± ${std.toFixed(digits)}`;
}

/** Test accuracies of a variant, seed by seed (runs without one left out). */
export function testAccs(results: StudyResults, label: string): number[] {
  return (results.get(label) ?? []).flatMap((r) => (r.testAcc === null ? [] : [r.testAcc]));
}

export function totalDepths(results: StudyResults, label: string): number[] {
  return (results.get(label) ?? []).map((r) => sumOf(r.depths));
}

/** a - b for each seed both have finished. */
export function pairedDifferences(results: StudyResults, a: string, b: string): number[] {
  const bySeed = new Map((results.get(b) ?? []).map((r) => [r.config.seed, r.testAcc]));
  return (results.get(a) ?? []).flatMap((r) => {
    const other = bySeed.get(r.config.seed);
    return r.testAcc === null || other === undefined || other === null ? [] : [r.testAcc - other];
  });
}
