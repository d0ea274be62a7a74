import { describe, expect, it } from 'vitest';
import { createRun } from './create-run.ts';
import { noteQuorum, quorumCloseAt, quorumReports, roundDue } from './round-due.ts';
import { reported, tinyContext } from './test-run.ts';
import { addRoundTask } from './work-start.ts';

const ctx = tinyContext((c) => ({ ...c, fleet: { ...c.fleet, quorum: 0.5, quorumGrace: 0.5 } }));

describe('round due', () => {
  it('needs ceil(quorum x tasks) reports, at least one', () => {
    expect(quorumReports(3, ctx.config.fleet)).toBe(2);
    expect(quorumReports(1, ctx.config.fleet)).toBe(1);
    expect(quorumReports(4, { ...ctx.config.fleet, quorum: 1 })).toBe(4);
  });

  it('closes once every task is in, or at the grace after the quorum: half the time it took to get there', () => {
    let step = createRun('run', ctx);
    step = addRoundTask(addRoundTask(step, ctx), ctx);
    const [a, b, c] = step.tasks;
    const opened = step.run.work.kind === 'train' ? step.run.work.openedAt : 0;
    const one = [reported(a!, 1), b!, c!];
    expect(noteQuorum(step.run, one, ctx.config.fleet, opened + 1000)).toBe(step.run);
    const two = [reported(a!, 1), reported(b!, 1), c!];
    const run = noteQuorum(step.run, two, ctx.config.fleet, opened + 4000);
    expect(quorumCloseAt(run, ctx.config.fleet)).toBe(opened + 6000);
    expect(roundDue(run, two, ctx.config.fleet, opened + 5999)).toBe(false);
    expect(roundDue(run, two, ctx.config.fleet, opened + 6000)).toBe(true);
    expect(noteQuorum(run, two, ctx.config.fleet, opened + 5000)).toBe(run);
    expect(roundDue(step.run, [reported(a!, 1), reported(b!, 1), reported(c!, 1)], ctx.config.fleet, opened)).toBe(true);
  });
});
