// What a study is: a named set of variants, each a run config derived from one base config (and,
// for a from-scratch baseline, from the result of an earlier variant with the same seed).
import type { DatasetName, RunConfigInput } from '../../shared/config/run-config.ts';
import type { RunResult } from './run-result.ts';

export interface VariantContext {
  seed: number;
  /** The result of an earlier variant of the study (one named in `needs`), same seed. */
  result(label: string): RunResult;
}

export interface Variant {
  /** Row of the table; also the run's name on a coordinator. */
  label: string;
  /** Colour in the plot; variants of one series are compared as one curve. */
  series: string;
  /** Labels of the variants whose results this one's config is derived from. */
  needs?: string[];
  config(context: VariantContext): RunConfigInput;
}

export type PlotAxis = 'depth' | 'parameters' | 'multiplyAccumulates';

export interface Study {
  name: string;
  title: string;
  /** The config the variants derive from: its scale is stated with the table. */
  base: RunConfigInput;
  /** What the paper found, with its table or figure. */
  claim: string;
  variants: Variant[];
  plot: {
    x: PlotAxis;
    /** Series drawn as a line through their means (a sweep); the rest stay points. */
    lineSeries?: string[];
    /** Vertical rules, e.g. the budgets. */
    rules?: { x: number; label: string }[];
    /** Only runs on these datasets are drawn (their accuracies are on different scales); default all. */
    datasets?: DatasetName[];
  };
  /** Numbers the table alone does not show (a difference, a trend), one sentence each. */
  findings?(results: StudyResults): string[];
}

/** Each variant's results, one per seed that has finished, in seed order. */
export type StudyResults = Map<string, RunResult[]>;
