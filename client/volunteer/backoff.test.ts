import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep } from './backoff.ts';

const policy = { firstMs: 100, maxMs: 1000, floorMs: 20 };

describe('backoffDelay', () => {
  it('doubles the ceiling with each failure up to the maximum', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(failures, policy, () => 1));
    expect(ceilings).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('draws the wait below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });

  it('never waits less than the floor, so a failing volunteer cannot spin', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(20);
    expect(backoffDelay(50, policy, () => 0)).toBe(20);
  });
});

describe('sleep', () => {
  it('ends early, saying so, when its signal aborts', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, abort.signal);
    abort.abort();
    expect(await slept).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('says the full wait passed', async () => {
    expect(await sleep(5)).toBe(true);
  });
});
