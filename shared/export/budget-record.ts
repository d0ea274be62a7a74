// What the exports say about the run's cost budget: its limits, how much of each count limit the
// network uses, and where growth stopped at it.
import type { BudgetConfig } from '../config/budget.ts';
import type { BudgetStop, GrowthLogEntry } from '../controller/types.ts';
import type { ArchitectureCounts } from './progress-architecture.ts';

export interface BudgetRecord {
  /** As configured; null: no limit on that measure. */
  limits: BudgetConfig;
  /** The network's count as a fraction of each count limit; null where there is none. */
  used: { parameters: number | null; multiplyAccumulates: number | null };
  /** The stages that left the circle at the budget, from the growth log. */
  stops: BudgetStop[];
}

export function budgetRecord(limits: BudgetConfig, counts: ArchitectureCounts, log: readonly GrowthLogEntry[] = []): BudgetRecord {
  const fraction = (cost: number, limit: number | null): number | null => (limit === null ? null : cost / limit);
  return {
    limits: { ...limits },
    used: { parameters: fraction(counts.parameters, limits.parameters), multiplyAccumulates: fraction(counts.multiplyAccumulates, limits.multiplyAccumulates) },
    stops: log.filter((entry): entry is BudgetStop => entry.type === 'budget').map((entry) => ({ ...entry })),
  };
}
