import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_TIMEOUT_MS, Assignments, type DemandView } from './assignments.ts';

const demand = (id: string, patch: Partial<DemandView> = {}): DemandView => ({ id, group: null, priority: 1, usefulWidth: 1, noiseScale: Infinity, ...patch });

/** Decides and records, as the assigning object does. */
function ask(book: Assignments, volunteer: string, current: string | null, now: number) {
  const answer = book.decide(volunteer, current, now);
  book.record(volunteer, answer, now);
  return answer;
}

describe('Assignments', () => {
  it('counts each volunteer where it was sent, so a run fills and the next goes elsewhere or waits', () => {
    const book = new Assignments([demand('a', { usefulWidth: 2 }), demand('b')]);
    expect(ask(book, 'v1', null, 0)).toEqual({ runId: 'a', reason: 'first' });
    expect(ask(book, 'v2', null, 0)!.runId).toBe('b');
    expect(ask(book, 'v3', null, 0)!.runId).toBe('a');
    expect(ask(book, 'v4', null, 0)).toBeNull();
    // Asking again changes nothing for those placed: each counts once, where it works.
    expect(ask(book, 'v1', 'a', 1)).toEqual({ runId: 'a', reason: 'kept' });
    expect(ask(book, 'v2', 'b', 1)).toEqual({ runId: 'b', reason: 'kept' });
  });

  it('counts a volunteer for the run it says it works for, not where its record points', () => {
    const book = new Assignments([demand('a'), demand('b')]);
    expect(ask(book, 'v1', null, 0)!.runId).toBe('a');
    // v1 still trains for b (it was there before this object heard of it): b is full, a is free again.
    expect(ask(book, 'v1', 'b', 1)).toEqual({ runId: 'b', reason: 'kept' });
    expect(ask(book, 'v2', null, 2)).toEqual({ runId: 'a', reason: 'first' });
  });

  it('stops counting a volunteer a timeout after its latest ask', () => {
    const book = new Assignments([demand('a')]);
    ask(book, 'v1', null, 0);
    expect(ask(book, 'v2', null, ASSIGNMENT_TIMEOUT_MS)).toBeNull();
    expect(ask(book, 'v2', null, ASSIGNMENT_TIMEOUT_MS + 1)).toEqual({ runId: 'a', reason: 'first' });
  });

  it('moves the volunteers of a run that is over, and lets one of an over-full run stay', () => {
    const book = new Assignments([demand('a', { usefulWidth: 2 }), demand('b', { usefulWidth: 0 })]);
    ask(book, 'v1', null, 0);
    ask(book, 'v2', null, 0);
    book.setDemand('a', null);
    book.setDemand('b', demand('b'));
    expect(ask(book, 'v1', 'a', 1)).toEqual({ runId: 'b', reason: 'moved: run finished' });
    expect(ask(book, 'v2', 'a', 1)).toBeNull();

    // Two volunteers on a run whose width fell to one: the first to ask waits, which leaves the other alone there.
    const shrunk = new Assignments([demand('c', { usefulWidth: 2 })]);
    ask(shrunk, 'v1', null, 0);
    ask(shrunk, 'v2', null, 0);
    shrunk.setDemand('c', demand('c', { usefulWidth: 1 }));
    expect(ask(shrunk, 'v1', 'c', 1)).toBeNull();
    expect(ask(shrunk, 'v2', 'c', 1)).toEqual({ runId: 'c', reason: 'kept' });
  });

  it('forgets what no decision counts any more, says from when, and still counts the rest', () => {
    const book = new Assignments([demand('a')], [['old', { runId: 'a', seenAt: 0 }], ['new', { runId: 'a', seenAt: 5 }]]);
    expect(book.expire(ASSIGNMENT_TIMEOUT_MS + 1)).toBe(1);
    // 'new' (seen at 5) still counts: a is full.
    expect(book.decide('v', null, ASSIGNMENT_TIMEOUT_MS + 1)).toBeNull();
    expect(book.decide('v', null, ASSIGNMENT_TIMEOUT_MS + 6)).toEqual({ runId: 'a', reason: 'first' });
  });
});
