// The moving metric that gains are measured on: the official MovingMaximum ("max") or its
// ExponentialMovingAverage ("avg", here 'ema') of validation accuracy.
import type { RunConfig } from '../config/run-config.ts';

export type GrowthMetric = RunConfig['stop']['metric'];

/** Decay of the official "avg" metric. */
export const EMA_DECAY = 0.95;

/** best[i], from best[0..i-1] and the valAcc of epoch i (percent). */
export function nextMetricValue(bestHistory: readonly number[], valAcc: number, metric: GrowthMetric): number {
  const previous = bestHistory[bestHistory.length - 1];
  if (metric === 'max') return previous === undefined ? valAcc : Math.max(previous, valAcc);
  // The official average starts from 0 with no bias correction, so it climbs for many epochs and
  // early gains are large: like the maximum, it does not stop a stage before it has warmed up.
  return EMA_DECAY * (previous ?? 0) + (1 - EMA_DECAY) * valAcc;
}
