// The circular list of stages still allowed to grow, and which of them a growth deepens.
import type { RunConfig } from '../config/run-config.ts';

export type GrowingMode = RunConfig['growth']['mode'];

/** Stages whose seed depth is below their max depth, in stage order. */
export function initialCircle(seedDepths: readonly number[], maxDepths: readonly number[]): number[] {
  return seedDepths.flatMap((seed, stage) => (seed < (maxDepths[stage] ?? seed) ? [stage] : []));
}

/**
 * Round-robin: the first stage in the circle at or after `cursor` (the stage after the last grown
 * one), wrapping around. Stages leave the circle when they reach their max depth, so every
 * stage found here is below it.
 */
export function nextGroupStage(circle: readonly number[], cursor: number, stageCount: number): number | undefined {
  for (let offset = 0; offset < stageCount; offset++) {
    const stage = (cursor + offset) % stageCount;
    if (circle.includes(stage)) return stage;
  }
  return undefined;
}

/** The stages one growth deepens: the next one in 'group' mode, every stage of the circle in 'all' mode. */
export function stagesToGrow(circle: readonly number[], cursor: number, stageCount: number, mode: GrowingMode): number[] {
  if (mode === 'all') return [...circle];
  const stage = nextGroupStage(circle, cursor, stageCount);
  return stage === undefined ? [] : [stage];
}
