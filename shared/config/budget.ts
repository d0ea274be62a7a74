// The run's cost budget: the most parameters, multiply-accumulates and forward milliseconds per
// image the grown network may have, and what a network at given depths costs in each measure.
import { z } from 'zod';
import { configObject } from './config-object.ts';
import { multiplyAccumulates, parameterCount } from '../architecture/parameters.ts';
import { architectureName } from '../architecture/spec.ts';
import { datasetFacts } from '../dataset/facts.ts';
import { runArchitecture } from './run-architecture.ts';
import type { RunConfig } from './run-config.ts';

export const BUDGET_MEASURES = ['parameters', 'multiplyAccumulates', 'latencyMs'] as const;
export type BudgetMeasure = (typeof BUDGET_MEASURES)[number];

/** Every limit is inclusive (a network that costs exactly the limit fits); null: no limit on that measure. */
export const BudgetConfigSchema = configObject({
  /** Trainable parameters of the grown network (BN running statistics excluded). */
  parameters: z.number().int().min(1).nullable().default(null),
  /** Multiply-accumulates of one forward pass of one image. */
  multiplyAccumulates: z.number().int().min(1).nullable().default(null),
  /**
   * Forward milliseconds per image on the volunteers' engine. Checked only once an epoch has
   * reported a measurement: a deeper net's latency is predicted from it in proportion to its
   * multiply-accumulates (shared/controller/budget-fit.ts).
   */
  latencyMs: z.number().positive().max(3_600_000).nullable().default(null),
});
export type BudgetConfig = z.output<typeof BudgetConfigSchema>;

export interface NetworkCost {
  parameters: number;
  multiplyAccumulates: number;
}

type CostInputs = Pick<RunConfig, 'architecture' | 'dataset'>;

/** The counts of the run's network at `depths`, on its dataset's input shape and classes. */
export function networkCost(config: CostInputs, depths: readonly number[]): NetworkCost {
  const spec = runArchitecture(config, datasetFacts(config.dataset), depths);
  return { parameters: parameterCount(spec), multiplyAccumulates: multiplyAccumulates(spec) };
}

const MEASURE_WORDS: Record<BudgetMeasure, string> = {
  parameters: 'parameters',
  multiplyAccumulates: 'multiply-accumulates per image',
  latencyMs: 'ms per image',
};

/**
 * Why the seed network alone already breaks a count budget, one message per measure; empty when it fits.
 * Latency cannot be known before a volunteer measures it, so only the counts are checked here.
 */
export function seedOverBudget(config: CostInputs & { budget: BudgetConfig }): { measure: BudgetMeasure; message: string }[] {
  const seed = config.architecture.seedDepths;
  const cost = networkCost(config, seed);
  const name = architectureName({ family: config.architecture.family, depths: seed });
  return (['parameters', 'multiplyAccumulates'] as const).flatMap((measure) => {
    const limit = config.budget[measure];
    if (limit === null || cost[measure] <= limit) return [];
    const words = MEASURE_WORDS[measure];
    return [{ measure, message: `the seed network ${name} alone has ${cost[measure]} ${words}, over the budget of ${limit}: raise the budget or start from a smaller seed or narrower widths` }];
  });
}
