import { describe, expect, it } from 'vitest';
import { WaitingVolunteers } from './waiting-volunteers.ts';

describe('WaitingVolunteers', () => {
  it('wakes the longest waiting first, only as many as asked', async () => {
    const waiting = new WaitingVolunteers();
    const woken: number[] = [];
    const held = [0, 1, 2].map((i) => waiting.hold(60_000).then(() => woken.push(i)));
    waiting.wake(2);
    await Promise.all(held.slice(0, 2));
    expect(woken).toEqual([0, 1]);
    expect(waiting.size).toBe(1);
    waiting.wake(Number.POSITIVE_INFINITY);
    await held[2];
    expect(woken).toEqual([0, 1, 2]);
    expect(waiting.size).toBe(0);
  });

  it('lets a hold run out on its own and forgets it', async () => {
    const waiting = new WaitingVolunteers();
    await waiting.hold(5);
    expect(waiting.size).toBe(0);
  });
});
