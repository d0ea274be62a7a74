// A new run: the seed network's model state (seeded by config.seed), the controller's initial
// transition, and the first round of work.
import { initialControllerState } from '../controller/index.ts';
import { runArchitecture } from '../config/run-architecture.ts';
import type { DatasetLayout } from '../dataset/index.ts';
import { initialModelState } from '../init/index.ts';
import { applyTransition } from './apply-transition.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { emptyTally, type RunRecord } from './run-record.ts';

/** Both splits that drive the run need shards; the rest of the config is checked by its schema. */
export function layoutProblem(layout: DatasetLayout): string | null {
  if (layout.train.length === 0 || layout.val.length === 0) {
    return `dataset: the layout has ${layout.train.length} train and ${layout.val.length} val shards; both need at least one (raise dataset.trainLimit or dataset.validationFraction)`;
  }
  return null;
}

/** The run as created; `ctx.volunteersAtWork` is 0, so its first round starts with one task and grows as volunteers come. */
export function createRun(id: string, ctx: Omit<RunContext, 'volunteersAtWork'>): RunStep {
  const created = { ...ctx, volunteersAtWork: 0 };
  const [controller, effects] = initialControllerState(ctx.config);
  const run: RunRecord = {
    id,
    name: ctx.config.name,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    status: 'running',
    doneReason: null,
    controller,
    version: 0,
    nextTask: 1,
    roundFirstTask: 1,
    closedReceipts: [],
    work: { kind: 'none' },
    epoch: { startedAt: ctx.now, tally: emptyTally() },
    history: [],
    samplesProcessed: 0,
    testAcc: null,
    learningRateScale: 1,
    noise: null,
    events: [],
    checkpoints: [],
    consecutiveRollbacks: 0,
  };
  const state = initialModelState(runArchitecture(ctx.config, ctx.layout.facts, controller.depths), ctx.config.seed);
  return applyTransition({ run, state, outer: null, tasks: [] }, [controller, effects], created);
}
