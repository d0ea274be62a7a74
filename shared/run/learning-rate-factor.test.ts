import { describe, expect, it } from 'vitest';
import { FleetConfigSchema } from '../config/run-config.ts';
import { createRun } from './create-run.ts';
import { learningRateFactor } from './learning-rate-factor.ts';
import { taskView } from './task-view.ts';
import { tinyContext } from './test-run.ts';
import { openRound } from './work-start.ts';

const scaling = (patch: object) => FleetConfigSchema.parse({ innerScaling: patch }).innerScaling;

describe('learningRateFactor', () => {
  it('keeps the run\'s rate by default and for a round of one task, whatever the rule', () => {
    expect(learningRateFactor(scaling({}), 32, 1e9, 100)).toBe(1);
    expect(learningRateFactor(scaling({ rule: 'linear', maxFactor: 8 }), 1, 1e9, 100)).toBe(1);
    expect(learningRateFactor(scaling({ rule: 'sqrt', maxFactor: 8 }), 1, 1e9, 100)).toBe(1);
  });

  it('scales with sqrt(n) or n up to the cap once warm', () => {
    expect(learningRateFactor(scaling({ rule: 'sqrt', maxFactor: 8 }), 16, 500, 100)).toBe(4);
    expect(learningRateFactor(scaling({ rule: 'linear', maxFactor: 8 }), 4, 500, 100)).toBe(4);
    expect(learningRateFactor(scaling({ rule: 'linear', maxFactor: 8 }), 32, 500, 100)).toBe(8);
  });

  it('ramps from 1 to the factor linearly over the warm-up epochs of samples', () => {
    const linear = scaling({ rule: 'linear', maxFactor: 8, warmupEpochs: 2 });
    expect(learningRateFactor(linear, 8, 0, 100)).toBe(1);
    expect(learningRateFactor(linear, 8, 100, 100)).toBe(4.5);
    expect(learningRateFactor(linear, 8, 200, 100)).toBe(8);
    expect(learningRateFactor(scaling({ rule: 'linear', maxFactor: 8, warmupEpochs: 0 }), 8, 0, 100)).toBe(8);
  });

  it('sets the learning rate a train task hands out from its round\'s width', () => {
    const ctx = tinyContext((c) => ({ ...c, dataset: { ...c.dataset, shardSize: 16 }, fleet: { ...c.fleet, roundSize: 8, innerScaling: { rule: 'linear', maxFactor: 4, warmupEpochs: 0 } } }));
    const start = createRun('run', ctx);
    const { work } = start.run;
    if (work.kind !== 'train') throw new Error('expected train work');
    const round = openRound({ ...start, run: { ...start.run, work: { ...work, pending: [...ctx.layout.train] } } }, { ...ctx, volunteersAtWork: 3 });
    expect(round.tasks.map((task) => task.learningRateFactor)).toEqual([3, 3, 3]);
    const lease = { lease: 1, volunteerId: 'v', leasedAt: 0, deadline: 1 };
    const view = taskView(round.run, round.tasks[0]!, lease, 'token', ctx);
    if (view.kind !== 'train') throw new Error('expected a train task');
    expect(view.hyper.learningRate).toBeCloseTo(3 * ctx.config.optimizer.learningRate, 12);
  });
});
