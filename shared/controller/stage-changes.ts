// Freezing and growing stages. Each change updates depths and circle, emits its effect and writes
// its log entry together, so the three never disagree.
import type { RunConfig } from '../config/run-config.ts';
import type { StageOverBudget } from './budget-fit.ts';
import type { ControllerEffect, GrowthLogEntry, Transition } from './types.ts';

/** Removes the stages still in the circle from it for good; stages already out are skipped. */
export function freezeStages([state, effects]: Transition, stages: readonly number[]): Transition {
  const leaving = state.circle.filter((stage) => stages.includes(stage));
  if (leaving.length === 0) return [state, effects];
  const entries = leaving.map((stage): GrowthLogEntry => ({ epoch: state.epoch, type: 'freeze', stage, depth: state.depths[stage]! }));
  return [
    { ...state, circle: state.circle.filter((stage) => !leaving.includes(stage)), log: [...state.log, ...entries] },
    [...effects, ...leaving.map((stage): ControllerEffect => ({ type: 'freeze', stage }))],
  ];
}

/**
 * Stages whose next sub-module would break the budget leave the circle for good. The executor
 * sees a plain freeze; the log says which limit the stage hit and by how much.
 */
export function leaveOverBudget([state, effects]: Transition, over: readonly StageOverBudget[]): Transition {
  if (over.length === 0) return [state, effects];
  const leaving = over.map((entry) => entry.stage);
  const entries = over.map(({ stage, measure, cost, limit }): GrowthLogEntry => ({ epoch: state.epoch, type: 'budget', stage, depth: state.depths[stage]!, measure, cost, limit }));
  return [
    { ...state, circle: state.circle.filter((stage) => !leaving.includes(stage)), log: [...state.log, ...entries] },
    [...effects, ...leaving.map((stage): ControllerEffect => ({ type: 'freeze', stage }))],
  ];
}

/** Appends one block to each stage, in order; the next group-mode growth searches from after the last. */
export function growStages(transition: Transition, stages: readonly number[], config: RunConfig): Transition {
  const last = stages[stages.length - 1];
  if (last === undefined) throw new Error('growStages: no stage to grow');
  const [state, effects] = stages.reduce((grown, stage) => growStage(grown, stage, config), transition);
  return [{ ...state, lastGrown: [...stages], cursor: (last + 1) % state.depths.length }, effects];
}

function growStage([state, effects]: Transition, stage: number, config: RunConfig): Transition {
  if (!state.circle.includes(stage)) {
    throw new Error(`growStages: stage ${stage} is not in the circle [${state.circle.join(', ')}]`);
  }
  const depth = state.depths[stage]! + 1;
  const grown: Transition = [
    { ...state, depths: state.depths.with(stage, depth), log: [...state.log, { epoch: state.epoch, type: 'grow', stage, depth }] },
    [...effects, { type: 'grow', stage, initializer: config.growth.initializer, scale: config.growth.initScale }],
  ];
  // A stage at its max depth can never grow again: it leaves the circle now, not at a stop check.
  return depth >= config.architecture.maxDepths[stage]! ? freezeStages(grown, [stage]) : grown;
}
