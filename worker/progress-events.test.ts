import { describe, expect, it } from 'vitest';
import { ProgressEvents } from './progress-events.ts';

const decoder = new TextDecoder();

describe('ProgressEvents', () => {
  it('sends the progress at once, again only when it changes, and forgets a cancelled reader', async () => {
    const events = new ProgressEvents();
    const reader = events.subscribe('{"epoch":0}').getReader();
    expect(decoder.decode((await reader.read()).value)).toBe('data: {"epoch":0}\n\n');
    events.publish('{"epoch":0}');
    events.publish('{"epoch":1}');
    expect(decoder.decode((await reader.read()).value)).toBe('data: {"epoch":1}\n\n');
    expect(events.listening).toBe(true);
    await reader.cancel();
    expect(events.listening).toBe(false);
  });

  it('drops a subscriber that stopped reading instead of buffering for it forever', () => {
    const events = new ProgressEvents();
    events.subscribe('{"n":0}');
    for (let n = 1; n <= 102; n++) events.publish(`{"n":${n}}`);
    expect(events.listening).toBe(false);
  });
});
