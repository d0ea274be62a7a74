// Carries out a controller transition in the run: grows the model state, then starts whatever
// the effects call for next (test evaluation, AdamInit, the end of the run, or the next epoch).
import { transition } from '../controller/index.ts';
import type { ControllerEvent, ControllerEffect, Transition } from '../controller/types.ts';
import { growStage } from '../init/index.ts';
import { carryOverFlat } from '../delta/index.ts';
import { growthSeed } from '../random/seeds.ts';
import { stateLayout } from './state-layout.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { finishRun, startAdamInit, startEpoch, startEval } from './work-start.ts';

type GrowEffect = Extract<ControllerEffect, { type: 'grow' }>;
type AdamInitEffect = Extract<ControllerEffect, { type: 'adam-init' }>;

/**
 * freeze, set-learning-rate, start-fine-tune and done need no action of their own: the
 * controller state already holds the log, the rate and the phase that the next work reads.
 */
export function applyTransition(step: RunStep, [controller, effects]: Transition, ctx: RunContext): RunStep {
  const grows = effects.filter((effect): effect is GrowEffect => effect.type === 'grow');
  // The seed the in-process runner uses too: (run seed, epochs finished, stage).
  const state = grows.reduce(
    (grown, effect) => growStage(grown, effect.stage, effect.initializer, effect.scale, growthSeed(ctx.config.seed, controller.epoch, effect.stage)),
    step.state,
  );
  if (state.architecture.depths.join() !== controller.depths.join()) {
    throw new Error(`applyTransition: grown state has depths [${state.architecture.depths}], the controller [${controller.depths}]`);
  }
  const version = step.run.version + (grows.length > 0 ? 1 : 0);
  // The outer momentum follows the tensors by name; new ones start without.
  const outer = step.outer && grows.length > 0 ? carryOverFlat(step.outer, stateLayout(step.state), stateLayout(state)) : step.outer;
  const next: RunStep = { run: { ...step.run, controller, version }, state, outer, tasks: [] };

  const adamInit = effects.find((effect): effect is AdamInitEffect => effect.type === 'adam-init');
  if (effects.some((effect) => effect.type === 'evaluate-test')) return startEval(next, ctx, 'test');
  if (adamInit) return startAdamInit(next, ctx, adamInit);
  if (controller.phase === 'done') return finishRun(next, 'finished');
  return startEpoch(next, ctx);
}

export function applyEvent(step: RunStep, event: ControllerEvent, ctx: RunContext): RunStep {
  return applyTransition(step, transition(step.run.controller, event, ctx.config), ctx);
}
