// The table every study output shows, like the paper's: per variant the found net of each seed,
// test accuracy mean ± std over seeds, parameters, multiply-accumulates, epochs and wall time.
// Pure: the Markdown file and the dashboard's group page render the same cells.
import type { RunResult } from './run-result.ts';

export const STUDY_TABLE_HEADER = ['variant', 'seeds', 'found net (per seed)', 'test accuracy (%)', 'parameters', 'multiply-accumulates', 'epochs', 'wall time (s)'];
/** Columns whose cells are numbers, aligned right. */
export const STUDY_TABLE_NUMERIC = [false, true, false, true, true, true, true, true];

export interface VariantRuns {
  label: string;
  results: readonly RunResult[];
}

function stats(values: readonly number[]): { mean: number; std: number | null } | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1) return { mean, std: null };
  return { mean, std: Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1)) };
}

/** 17766 -> "17.8 k", 2185952 -> "2.19 M". */
function countText(value: number): string {
  const [scaled, unit] = value >= 1e6 ? [value / 1e6, ' M'] : value >= 1e3 ? [value / 1e3, ' k'] : [value, ''];
  return unit === '' ? String(Math.round(scaled)) : `${scaled.toPrecision(3)}${unit}`;
}

function statText(values: readonly number[], show: (value: number) => string): string {
  const s = stats(values);
  if (!s) return '–';
  return s.std === null ? show(s.mean) : `${show(s.mean)} ± ${show(s.std)}`;
}

/** The depths of each seed's found net; the family once, when every seed shares it. */
function foundNets(results: readonly RunResult[]): string {
  if (results.length === 0) return '–';
  const families = new Set(results.map((r) => r.config.architecture.family));
  const depths = results.map((r) => r.depths.join('-'));
  return families.size === 1 ? `${[...families][0]} ${depths.join(', ')}` : results.map((r) => r.foundNet).join(', ');
}

export function studyTableRow({ label, results }: VariantRuns): string[] {
  const accs = results.flatMap((r) => (r.testAcc === null ? [] : [r.testAcc]));
  return [
    label,
    String(results.length),
    foundNets(results),
    statText(accs, (v) => v.toFixed(2)),
    statText(results.map((r) => r.parameters), countText),
    statText(results.map((r) => r.multiplyAccumulates), countText),
    statText(results.map((r) => r.epochs), (v) => v.toFixed(0)),
    statText(results.map((r) => r.wallSeconds), (v) => v.toFixed(0)),
  ];
}
