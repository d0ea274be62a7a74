import { describe, expect, it } from 'vitest';
import { presetConfig } from '../config/presets.ts';
import { parseRunConfig, type RunConfig } from '../config/run-config.ts';
import { datasetLayout } from '../dataset/index.ts';
import { createRun } from './create-run.ts';
import type { RunContext, RunStep } from './run-context.ts';
import { trainRound } from './work-start.ts';

function context(patch: (config: RunConfig) => RunConfig = (c) => c): RunContext {
  const tiny = presetConfig('tiny');
  if (!tiny.ok) throw new Error(tiny.error);
  const parsed = parseRunConfig(patch(tiny.config));
  if (!parsed.ok) throw new Error(parsed.error);
  return { config: parsed.config, layout: datasetLayout(parsed.config.dataset), now: 1000 };
}

describe('work start', () => {
  it('plans an epoch whose rounds pass over every train shard exactly once', () => {
    const ctx = context((c) => ({ ...c, dataset: { ...c.dataset, shardSize: 16 }, fleet: { ...c.fleet, roundSize: 5 } }));
    let step: RunStep = createRun('run', ctx);
    const work = step.run.work;
    if (work.kind !== 'train') throw new Error('expected train work');
    expect(work.rounds).toBe(Math.ceil(ctx.layout.train.length / 5));
    const seen: number[] = [];
    for (let round = 0; round < work.rounds; round++) {
      step = trainRound({ ...step, run: { ...step.run, work: { ...work, round } } }, ctx);
      seen.push(...step.tasks.flatMap((task) => task.shards.map((shard) => shard.index)));
    }
    expect(seen.sort((a, b) => a - b)).toEqual(ctx.layout.train.map((shard) => shard.index));
  });

  it('numbers tasks without ever reusing an id, all starting from the run version', () => {
    const ctx = context((c) => ({ ...c, fleet: { ...c.fleet, roundSize: 2 } }));
    const first = createRun('run', ctx);
    expect(first.tasks.map((task) => task.id)).toEqual(['t1', 't2']);
    const work = first.run.work;
    if (work.kind !== 'train') throw new Error('expected train work');
    const second = trainRound({ ...first, run: { ...first.run, version: 1, work: { ...work, round: 1 } } }, ctx);
    expect(second.tasks.map((task) => [task.id, task.version, task.status])).toEqual([['t3', 1, 'queued']]);
    expect(second.run.nextTask).toBe(4);
  });

  it('gives each train task its own seed from the run seed, epoch and shard', () => {
    const step = createRun('run', context((c) => ({ ...c, fleet: { ...c.fleet, roundSize: 3 } })));
    expect(new Set(step.tasks.map((task) => task.seed)).size).toBe(3);
    const reseeded = createRun('run', context((c) => ({ ...c, seed: 2, fleet: { ...c.fleet, roundSize: 3 } })));
    expect(reseeded.tasks.map((task) => task.seed)).not.toEqual(step.tasks.map((task) => task.seed));
  });
});
