import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../../shared/random/generator.ts';
import { EventQueue } from './event-queue.ts';

describe('EventQueue', () => {
  it('pops events in time order, and events at the same time in the order they were pushed', () => {
    const queue = new EventQueue<string>();
    const random = new RandomGenerator(3);
    const pushed = Array.from({ length: 200 }, (_, i) => ({ at: random.int(20), name: `e${i}` }));
    for (const { at, name } of pushed) queue.push(at, name);
    const popped: string[] = [];
    for (let next = queue.pop(); next; next = queue.pop()) popped.push(next.event);
    const expected = pushed.map((event, i) => ({ ...event, i })).sort((a, b) => a.at - b.at || a.i - b.i).map((event) => event.name);
    expect(popped).toEqual(expected);
    expect(queue.size).toBe(0);
  });
});
