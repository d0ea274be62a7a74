import { describe, expect, it } from 'vitest';
import type { DemandView } from '../../shared/assign/index.ts';
import { DemandPush, type RunDemandNow } from './demand-push.ts';

const demand = (usefulWidth: number): DemandView => ({ id: 'r', group: null, priority: 1, usefulWidth, noiseScale: Infinity });

/** A push whose sends the test answers one by one. */
function harness(initial: RunDemandNow) {
  let now = initial;
  const sent: RunDemandNow[] = [];
  const answers: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const errors: unknown[] = [];
  const push = new DemandPush({
    read: () => now,
    send: (value) => {
      sent.push(value);
      return new Promise<void>((resolve, reject) => answers.push({ resolve, reject }));
    },
    keepAlive: () => {},
    onError: (error) => errors.push(error),
  });
  /** Lets the answered send's callbacks run. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { push, sent, answers, errors, settle, set: (value: RunDemandNow) => (now = value) };
}

describe('DemandPush', () => {
  it('sends only a demand that differs from the last one taken', async () => {
    const h = harness(demand(2));
    h.push.changed();
    h.answers.shift()!.resolve();
    await h.settle();
    h.push.changed();
    h.set(null);
    h.push.changed();
    h.answers.shift()!.resolve();
    await h.settle();
    expect(h.sent).toEqual([demand(2), null]);
  });

  it('sends one at a time, the latest demand once the one in flight is answered', async () => {
    const h = harness(demand(3));
    h.push.changed();
    h.set(demand(2));
    h.push.changed();
    h.set(demand(1));
    h.push.changed();
    expect(h.sent).toEqual([demand(3)]);
    h.answers.shift()!.resolve();
    await h.settle();
    expect(h.sent).toEqual([demand(3), demand(1)]);
    h.answers.shift()!.resolve();
    await h.settle();
    expect(h.sent).toHaveLength(2);
  });

  it('sends a demand whose push was lost again at the next step, though the demand did not change', async () => {
    const h = harness(demand(1));
    h.push.changed();
    h.answers.shift()!.reject(new Error('assigner unreachable'));
    await h.settle();
    expect(h.errors).toEqual([new Error('assigner unreachable')]);
    h.push.changed();
    h.answers.shift()!.resolve();
    await h.settle();
    h.push.changed();
    expect(h.sent).toEqual([demand(1), demand(1)]);
  });
});
