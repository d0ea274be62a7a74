import { describe, expect, it } from 'vitest';
import { presetConfig } from '../config/presets.ts';
import type { RunConfig } from '../config/run-config.ts';
import { memoryRun } from './memory-port.ts';
import { updateNoise } from './noise-scale.ts';
import { runDemand, usefulWidth } from './run-demand.ts';

function tiny(fleet: Partial<RunConfig['fleet']> = {}): RunConfig {
  const parsed = presetConfig('tiny');
  if (!parsed.ok) throw new Error(parsed.error);
  return { ...parsed.value, group: 'g', priority: 3, fleet: { ...parsed.value.fleet, roundSize: 8, ...fleet } };
}

describe('runDemand', () => {
  it('has room for a round\'s width of volunteers in a train pass, at most the tasks the pass has left', () => {
    const driver = memoryRun('r', tiny(), 0);
    // tiny: 3 train shards of 64; the first round holds one task, two more are pending.
    expect(usefulWidth(driver.live)).toBe(3);
    expect(runDemand(driver.live)).toEqual({ id: 'r', group: 'g', priority: 3, usefulWidth: 3, noiseScale: Infinity });
  });

  it('is capped by the noise scale under roundWidth noise-scale, and none once paused', () => {
    const driver = memoryRun('r', tiny({ roundWidth: 'noise-scale' }), 0);
    const live = { ...driver.live, run: { ...driver.live.run, noise: updateNoise(null, { signal: 1, noise: 1 }) } };
    expect(usefulWidth(live)).toBe(2);
    expect(runDemand(live).noiseScale).toBeCloseTo(1, 12);
    expect(driver.control('pause', 1).ok).toBe(true);
    expect(usefulWidth(driver.live)).toBe(0);
  });
});
