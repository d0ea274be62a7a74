// How many tasks a round of a pass gets, so that every round can keep the aggregation rule's
// promise: at least minimumReports (rule-promise.ts) tasks, and never a remainder of the pass
// too small for a round of its own (such a tail joins the round before it).
import type { RunConfig } from '../config/run-config.ts';
import { minimumReports } from '../aggregate/rule-promise.ts';
import { usefulWidth, type NoiseEstimate } from './noise-scale.ts';

/** Tasks a round needs reported before it may close, whatever its quorum says. */
export function ruleReports(fleet: RunConfig['fleet']): number {
  return minimumReports(fleet.aggregation, fleet.trimFraction);
}

/** Tasks `shards` pending shards make at shardsPerTask each. */
const tasksOf = (shards: number, fleet: RunConfig['fleet']): number => Math.ceil(shards / fleet.shardsPerTask);

/** Most tasks the next round may take: roundSize, and under 'noise-scale' no more than the run's noise scale. */
export function roundCap(fleet: RunConfig['fleet'], noise: NoiseEstimate | null): number {
  return fleet.roundWidth === 'noise-scale' ? Math.min(fleet.roundSize, usefulWidth(noise)) : fleet.roundSize;
}

/**
 * A new round's tasks: one per volunteer at work, up to the cap, at least the rule's minimum,
 * and all that is left when the rest would be too few for a round.
 */
export function roundTasks(pendingShards: number, volunteersAtWork: number, fleet: RunConfig['fleet'], noise: NoiseEstimate | null = null): number {
  const available = tasksOf(pendingShards, fleet);
  const wanted = Math.max(ruleReports(fleet), Math.min(roundCap(fleet, noise), Math.max(1, volunteersAtWork)));
  const rest = available - wanted;
  return rest > 0 && rest < ruleReports(fleet) ? available : Math.min(available, wanted);
}

/** Whether one more task may join the round in flight and still leave a pass tail that can be a round. */
export function leavesRoundableTail(pendingShards: number, fleet: RunConfig['fleet']): boolean {
  const rest = tasksOf(Math.max(0, pendingShards - fleet.shardsPerTask), fleet);
  return rest === 0 || rest >= ruleReports(fleet);
}
