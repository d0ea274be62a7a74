import { describe, expect, it } from 'vitest';
import type { ShardRef } from '../dataset/index.ts';
import { createRun } from './create-run.ts';
import type { RunStep } from './run-context.ts';
import { addRoundTask, openRound } from './work-start.ts';
import { tinyContext } from './test-run.ts';

function withPending(step: RunStep, pending: ShardRef[]): RunStep {
  const { work } = step.run;
  if (work.kind !== 'train') throw new Error('expected train work');
  return { ...step, run: { ...step.run, work: { ...work, pending } } };
}

describe('work start', () => {
  it('opens a round with one task per volunteer at work, up to the cap and the shards left', () => {
    const ctx = tinyContext((c) => ({ ...c, dataset: { ...c.dataset, shardSize: 16 }, fleet: { ...c.fleet, roundSize: 5 } }));
    const start = createRun('run', ctx);
    expect(start.tasks).toHaveLength(1);
    expect(openRound(withPending(start, [...ctx.layout.train]), { ...ctx, volunteersAtWork: 3 }).tasks).toHaveLength(3);
    expect(openRound(withPending(start, [...ctx.layout.train]), { ...ctx, volunteersAtWork: 9 }).tasks).toHaveLength(5);
    expect(openRound(withPending(start, ctx.layout.train.slice(0, 2)), { ...ctx, volunteersAtWork: 9 }).tasks).toHaveLength(2);
  });

  it('takes every train shard of the epoch exactly once as tasks are added', () => {
    const ctx = tinyContext((c) => ({ ...c, dataset: { ...c.dataset, shardSize: 16 } }));
    let step = createRun('run', ctx);
    while (step.run.work.kind === 'train' && step.run.work.pending.length > 0) step = addRoundTask(step, ctx);
    const seen = step.tasks.flatMap((task) => task.shards.map((shard) => shard.index));
    expect(seen.sort((a, b) => a - b)).toEqual(ctx.layout.train.map((shard) => shard.index));
    expect(() => addRoundTask(step, ctx)).toThrow('no shards are pending');
  });

  it('numbers tasks without ever reusing an id, all starting from the run version', () => {
    const ctx = tinyContext();
    const first = createRun('run', ctx);
    expect(first.tasks.map((task) => task.id)).toEqual(['t1']);
    const second = addRoundTask({ ...first, run: { ...first.run, version: 1 } }, ctx);
    expect(second.tasks.map((task) => [task.id, task.version, task.leases, task.report])).toEqual([['t1', 0, [], null], ['t2', 1, [], null]]);
    expect(second.run.nextTask).toBe(3);
  });

  it('seeds each shard from the run seed, epoch and shard, and passes shardsPerTask shards per task', () => {
    const ctx = tinyContext((c) => ({ ...c, fleet: { ...c.fleet, shardsPerTask: 2 } }));
    const step = createRun('run', ctx);
    const [task] = step.tasks;
    expect(task!.shards).toHaveLength(2);
    expect(new Set(task!.seeds).size).toBe(2);
    const reseeded = createRun('run', tinyContext((c) => ({ ...c, seed: 2, fleet: { ...c.fleet, shardsPerTask: 2 } })));
    expect(reseeded.tasks[0]!.seeds).not.toEqual(task!.seeds);
  });
});
