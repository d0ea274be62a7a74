// The circular list of stages still allowed to grow, and which of them a growth deepens.
import type { RunConfig } from '../config/run-config.ts';

export type GrowingMode = RunConfig['growth']['mode'];

/** Stages whose seed depth is below their max depth, in stage order. */
export function initialCircle(seedDepths: readonly number[], maxDepths: readonly number[]): number[] {
  return seedDepths.flatMap((seed, stage) => (seed < (maxDepths[stage] ?? seed) ? [stage] : []));
}

/**
 * The circle's stages in round-robin order: from `cursor` (the stage after the last grown one) on,
 * wrapping around. Stages leave the circle when they reach their max depth, so every stage listed
 * here is below it.
 */
export function roundRobinOrder(circle: readonly number[], cursor: number, stageCount: number): number[] {
  return Array.from({ length: stageCount }, (_, offset) => (cursor + offset) % stageCount).filter((stage) => circle.includes(stage));
}

/** The next stage a group-mode growth deepens. */
export function nextGroupStage(circle: readonly number[], cursor: number, stageCount: number): number | undefined {
  return roundRobinOrder(circle, cursor, stageCount)[0];
}

/** The stages one growth deepens: the next one in 'group' mode, every stage of the circle in 'all' mode. */
export function stagesToGrow(circle: readonly number[], cursor: number, stageCount: number, mode: GrowingMode): number[] {
  if (mode === 'all') return [...circle];
  const stage = nextGroupStage(circle, cursor, stageCount);
  return stage === undefined ? [] : [stage];
}
