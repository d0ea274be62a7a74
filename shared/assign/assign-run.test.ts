import { describe, expect, it } from 'vitest';
import { assignRun, type RunDemand } from './assign-run.ts';
import { goodput, marginalGoodput } from './goodput.ts';

const run = (id: string, patch: Partial<RunDemand> = {}): RunDemand => ({ id, group: null, priority: 1, volunteers: 0, usefulWidth: 4, noiseScale: Infinity, ...patch });

describe('goodput', () => {
  it('is linear while unmeasured and saturates at the noise scale', () => {
    expect(goodput(8, Infinity)).toBe(8);
    expect(goodput(4, 4)).toBe(2);
    expect(goodput(1000, 4)).toBeCloseTo(4, 1);
    expect(marginalGoodput(0, 4)).toBeCloseTo(0.8, 12);
    expect(marginalGoodput(8, 4)).toBeLessThan(marginalGoodput(1, 4));
  });
});

describe('assignRun', () => {
  it('gives a saturated run nobody, and says when no run has room', () => {
    expect(assignRun([run('a', { volunteers: 4 }), run('b', { volunteers: 1 })], null)).toEqual({ runId: 'b', reason: 'first' });
    expect(assignRun([run('a', { volunteers: 4 }), run('b', { volunteers: 4 })], null)).toBeNull();
  });

  it('keeps a volunteer on its run while the run can use it, even when another has more room', () => {
    expect(assignRun([run('a', { volunteers: 4 }), run('b')], 'a')).toEqual({ runId: 'a', reason: 'kept' });
  });

  it('moves the volunteers of a finished run, and those of a run whose width shrank below its volunteers', () => {
    expect(assignRun([run('a', { usefulWidth: 0, volunteers: 3 }), run('b')], 'a')).toEqual({ runId: 'b', reason: 'moved: run finished' });
    expect(assignRun([run('b')], 'gone')).toEqual({ runId: 'b', reason: 'moved: run finished' });
    expect(assignRun([run('a', { usefulWidth: 2, volunteers: 3 }), run('b')], 'a')).toEqual({ runId: 'b', reason: 'moved: run saturated' });
  });

  it('serves a higher priority first, whatever the goodput', () => {
    const runs = [run('low', { noiseScale: Infinity }), run('high', { priority: 2, volunteers: 3, noiseScale: 2 })];
    expect(assignRun(runs, null)!.runId).toBe('high');
  });

  it('shares the fleet between groups, then picks the run where one more volunteer adds the most', () => {
    const runs = [
      run('s1', { group: 'study', volunteers: 2, usefulWidth: 8 }),
      run('s2', { group: 'study', volunteers: 2, usefulWidth: 8 }),
      run('sweep1', { group: 'sweep', volunteers: 3, usefulWidth: 8, noiseScale: 2 }),
      run('sweep2', { group: 'sweep', volunteers: 0, usefulWidth: 8, noiseScale: 20 }),
    ];
    // study has 4 volunteers, sweep 3: sweep is served; in it, the empty run adds the most.
    expect(assignRun(runs, null)!.runId).toBe('sweep2');
    const busySweep = runs.map((r) => (r.group === 'sweep' ? { ...r, volunteers: r.volunteers + 2 } : r));
    expect(assignRun(busySweep, null)!.runId).toMatch(/^s[12]$/);
  });

  it('gives a dependent run its volunteers as soon as it has work: until then its width is 0', () => {
    const waiting = [run('base', { volunteers: 4 }), run('scratch', { usefulWidth: 0 })];
    expect(assignRun(waiting, null)).toBeNull();
    const started = [run('base', { volunteers: 4, usefulWidth: 0 }), run('scratch', { usefulWidth: 4 })];
    expect(assignRun(started, 'base')).toEqual({ runId: 'scratch', reason: 'moved: run finished' });
  });
});
