// The run page's budget line: each limit with the current network's cost against it. Pure.
import type { BudgetConfig } from '../../shared/config/budget.ts';
import type { ArchitectureCounts } from '../../shared/export/index.ts';
import { formatCount } from './format.ts';

const share = (cost: number, limit: number): string => `${Math.round((100 * cost) / limit)}%`;

/** null budget: the run's config has not arrived yet. */
export function budgetText(counts: ArchitectureCounts, budget: BudgetConfig | null): string {
  if (!budget) return '–';
  const parts: string[] = [];
  if (budget.parameters !== null) {
    parts.push(`parameters ${formatCount(counts.parameters)} of ${formatCount(budget.parameters)} (${share(counts.parameters, budget.parameters)})`);
  }
  if (budget.multiplyAccumulates !== null) {
    const { multiplyAccumulates: macs } = counts;
    parts.push(`MACs ${formatCount(macs)} of ${formatCount(budget.multiplyAccumulates)} (${share(macs, budget.multiplyAccumulates)})`);
  }
  // The latency the controller predicts lives in its state, not in the progress: only the limit shows.
  if (budget.latencyMs !== null) parts.push(`forward ≤ ${budget.latencyMs} ms per image`);
  return parts.length > 0 ? parts.join(' · ') : 'none';
}
