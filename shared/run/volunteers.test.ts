import { describe, expect, it } from 'vitest';
import type { Volunteer } from './run-record.ts';
import { FORGET_AFTER_MS, MAX_VOLUNTEER_RECORDS, volunteersToForget } from './volunteers.ts';

const volunteer = (id: string, lastSeen: number): Volunteer => ({ id, backend: 'wasm', lastSeen, samples: 0, reports: 0, agreements: 0, strikes: 0 });
const known = (list: Volunteer[]) => new Map(list.map((v) => [v.id, v]));

describe('volunteersToForget', () => {
  it('forgets those unseen longer than FORGET_AFTER_MS, but not one holding work', () => {
    const now = 10 * FORGET_AFTER_MS;
    const list = [volunteer('gone', now - FORGET_AFTER_MS - 1), volunteer('busy', now - 2 * FORGET_AFTER_MS), volunteer('recent', now - FORGET_AFTER_MS)];
    expect(volunteersToForget(known(list), new Set(['busy']), now)).toEqual(['gone']);
  });

  it('makes room for the newcomer past MAX_VOLUNTEER_RECORDS, the longest unseen first', () => {
    const list = Array.from({ length: MAX_VOLUNTEER_RECORDS }, (_, i) => volunteer(`v${i}`, 1000 + i));
    expect(volunteersToForget(known(list), new Set(['v0']), 5000)).toEqual(['v1']);
    expect(volunteersToForget(known(list.slice(1)), new Set(), 5000)).toEqual([]);
  });
});
