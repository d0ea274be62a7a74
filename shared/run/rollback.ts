// Self-healing: a run whose training breaks down (validation accuracy collapsing, a state that is
// no longer finite, volunteers reporting that training on it diverged) goes back to the version
// its current epoch began from, with every learning rate halved; after MAX_ROLLBACKS it gives up
// and says so in its status instead of waiting forever.
import type { ModelState } from '../state/index.ts';
import type { RunEvent } from '../protocol/index.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { finishRun, startEpoch } from './work-start.ts';

export const MAX_ROLLBACKS = 6;

/** The state (and outer momentum) a version was saved with. */
export type CheckpointReader = (version: number) => { state: ModelState; outer: Float32Array | null };

/**
 * Back to the start of the current epoch, or, when the last rollback did not get an epoch through,
 * one epoch start further back each time: the state the run rolled back to may be the broken one.
 */
export function rollBack(step: RunStep, ctx: RunContext, reason: string): RunStep {
  const { run } = step;
  const rollbacks = run.events.filter((event) => event.type === 'rollback').length;
  if (rollbacks >= MAX_ROLLBACKS || run.checkpoints.length === 0) {
    const why = run.checkpoints.length === 0 ? `${reason}, with no checkpoint to go back to` : `${reason}, after ${rollbacks} rollbacks`;
    const gaveUp: RunEvent = { at: ctx.now, type: 'gave-up', epoch: run.controller.epoch, reason: why, learningRateScale: run.learningRateScale };
    return finishRun({ ...step, run: { ...run, events: [...run.events, gaveUp], updatedAt: ctx.now } }, 'diverged');
  }
  if (!ctx.readCheckpoint) throw new Error(`rollBack: run ${run.id} cannot read its checkpoints (${reason})`);
  // After a rollback the latest checkpoint is the one it restored: a rollback in a row skips it.
  const index = Math.max(0, run.checkpoints.length - 1 - (run.consecutiveRollbacks > 0 ? 1 : 0));
  const checkpoint = run.checkpoints[index]!;
  const saved = ctx.readCheckpoint(checkpoint.version);
  const learningRateScale = run.learningRateScale / 2;
  const event: RunEvent = { at: ctx.now, type: 'rollback', epoch: checkpoint.run.controller.epoch, reason, learningRateScale };
  // A new version number with the checkpoint's state, so reports for the broken versions stay stale;
  // the checkpoints after it are the broken branch's, and startEpoch adds the restored one again.
  const restored = {
    ...run, ...checkpoint.run, version: run.version + 1, learningRateScale, events: [...run.events, event], updatedAt: ctx.now,
    checkpoints: run.checkpoints.slice(0, index), consecutiveRollbacks: run.consecutiveRollbacks + 1,
  };
  return startEpoch({ run: restored, state: saved.state, outer: saved.outer, tasks: [] }, ctx);
}

/**
 * The epoch's validation accuracy fell back near chance: below a quarter of what the run had
 * gained over it. The first epoch after a growth is exempt: a new block (GauInit above all) may
 * dip the accuracy for an epoch, as AutoGrow means it to.
 */
export function valAccCollapsed(valAcc: number, bestValAcc: number | null, classes: number, justGrown: boolean): boolean {
  const chance = 100 / classes;
  if (justGrown || bestValAcc === null || bestValAcc < chance + 10) return false;
  return valAcc < chance + (bestValAcc - chance) / 4;
}

export function stateFinite(state: ModelState): boolean {
  return state.tensors.every((tensor) => tensor.data.every(Number.isFinite));
}
