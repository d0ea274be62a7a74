// The K-epoch boundary of the growing phase: stop check, then growth, for p-AutoGrow (periodic)
// and c-AutoGrow (convergent).
import type { RunConfig } from '../config/run-config.ts';
import { startAdamInit } from './adam-init.ts';
import { stagesOverBudget } from './budget-fit.ts';
import { roundRobinOrder, stagesToGrow } from './circle.ts';
import { freezeStages, growStages, leaveOverBudget } from './stage-changes.ts';
import { gainBelowTau } from './stop-check.ts';
import type { Transition } from './types.ts';

/** Every K epochs: freeze on a gain below tau over J epochs, then grow whatever the circle still holds. */
export function periodicBoundary(transition: Transition, config: RunConfig): Transition {
  const [state] = transition;
  const failed = gainBelowTau(state.bestHistory, config.stop.window, config.stop.tau);
  const frozen = failed ? freezeStages(transition, config.growth.mode === 'all' ? state.circle : state.lastGrown) : transition;
  return growNext(frozen, config);
}

/**
 * Grows only once the last K epochs gained less than tau. lastGrown is non-empty only when the
 * interval just finished came right after a growth: a growth that did not pay off freezes its stage(s).
 */
export function convergentBoundary(transition: Transition, config: RunConfig): Transition {
  const [state, effects] = transition;
  if (!gainBelowTau(state.bestHistory, config.growth.interval, config.stop.tau)) {
    return [{ ...state, lastGrown: [] }, effects];
  }
  const afterGrowth = state.lastGrown.length > 0;
  const frozen = freezeStages(transition, config.growth.mode === 'all' && afterGrowth ? state.circle : state.lastGrown);
  return growNext(frozen, config);
}

function growNext(transition: Transition, config: RunConfig): Transition {
  const withinBudget = leaveIfOverBudget(transition, config);
  const [state] = withinBudget;
  const stages = stagesToGrow(state.circle, state.cursor, state.depths.length, config.growth.mode);
  if (stages.length === 0) return withinBudget;
  const grown = growStages(withinBudget, stages, config);
  return config.growth.initializer === 'AdamInit' ? startAdamInit(grown) : grown;
}

/**
 * Before a growth, the stages it would deepen whose sub-module breaks the budget leave the circle:
 * in group mode until the next stage in round-robin order fits, in mode 'all' each stage on top
 * of the ones that fit before it, so the cheaper stages still grow together.
 */
function leaveIfOverBudget(transition: Transition, config: RunConfig): Transition {
  const [state] = transition;
  const group = config.growth.mode === 'group';
  const candidates = group ? roundRobinOrder(state.circle, state.cursor, state.depths.length) : state.circle;
  return leaveOverBudget(transition, stagesOverBudget(state.depths, candidates, config, state.latency, group));
}
