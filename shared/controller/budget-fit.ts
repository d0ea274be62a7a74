// The cost budget at a growth: which stages' next sub-module still fits, and the limit each other
// one would break. Counts come from the architecture; latency is predicted from the latest
// measurement, in proportion to multiply-accumulates.
import { networkCost, type BudgetMeasure } from '../config/budget.ts';
import type { RunConfig } from '../config/run-config.ts';
import type { LatencyMeasurement } from './types.ts';

export interface BudgetBreak {
  measure: BudgetMeasure;
  cost: number;
  limit: number;
}

export interface StageOverBudget extends BudgetBreak {
  stage: number;
}

/**
 * Forward ms per image of a network with `multiplyAccumulates`, scaled from the measured one: the
 * engine's time is dominated by convolutions, whose time grows with their MACs. null: nothing measured.
 */
export function predictedLatency(measured: LatencyMeasurement | null | undefined, config: RunConfig, multiplyAccumulates: number): number | null {
  if (!measured) return null;
  return (measured.msPerImage * multiplyAccumulates) / networkCost(config, measured.depths).multiplyAccumulates;
}

/** The first limit the network at `depths` breaks (parameters, then MACs, then latency); null when it fits. A cost equal to its limit fits. */
export function budgetBreak(depths: readonly number[], config: RunConfig, latency: LatencyMeasurement | null | undefined): BudgetBreak | null {
  const { parameters, multiplyAccumulates, latencyMs } = config.budget;
  if (parameters === null && multiplyAccumulates === null && latencyMs === null) return null;
  const cost = networkCost(config, depths);
  if (parameters !== null && cost.parameters > parameters) return { measure: 'parameters', cost: cost.parameters, limit: parameters };
  if (multiplyAccumulates !== null && cost.multiplyAccumulates > multiplyAccumulates) {
    return { measure: 'multiplyAccumulates', cost: cost.multiplyAccumulates, limit: multiplyAccumulates };
  }
  const predicted = latencyMs === null ? null : predictedLatency(latency, config, cost.multiplyAccumulates);
  if (latencyMs !== null && predicted !== null && predicted > latencyMs) return { measure: 'latencyMs', cost: predicted, limit: latencyMs };
  return null;
}

/**
 * Goes through `candidates` in order, each adding one sub-module on top of those that fit before
 * it, and returns the ones that would break the budget. With `firstFitOnly` (group mode) it stops
 * at the first that fits. Counts only rise as the network grows, so a stage found over here would
 * never fit later and leaves the circle for good; for latency that holds under today's estimate.
 */
export function stagesOverBudget(depths: readonly number[], candidates: readonly number[], config: RunConfig, latency: LatencyMeasurement | null | undefined, firstFitOnly: boolean): StageOverBudget[] {
  const over: StageOverBudget[] = [];
  let grown = [...depths];
  for (const stage of candidates) {
    const next = grown.with(stage, grown[stage]! + 1);
    const broken = budgetBreak(next, config, latency);
    if (broken) {
      over.push({ stage, ...broken });
      continue;
    }
    if (firstFitOnly) break;
    grown = next;
  }
  return over;
}
