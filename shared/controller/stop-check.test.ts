import { describe, expect, it } from 'vitest';
import { gainBelowTau, gainOver } from './stop-check.ts';

describe('gainOver', () => {
  it('compares the latest value with the one `window` epochs earlier', () => {
    expect(gainOver([50, 60, 70, 75], 2)).toBe(75 - 60);
    expect(gainOver([50, 60, 70, 75], 3)).toBe(75 - 50);
  });

  it('is the latest value itself while fewer than window+1 epochs exist', () => {
    expect(gainOver([50, 60, 70], 3)).toBe(70);
    expect(gainOver([50], 1)).toBe(50);
  });

  it('refuses an empty history: a check before any epoch is a bug', () => {
    expect(() => gainOver([], 1)).toThrow('gainOver: no epoch recorded yet');
  });
});

describe('gainBelowTau', () => {
  it('fails only strictly below tau', () => {
    expect(gainBelowTau([60, 60.25], 1, 0.25)).toBe(false);
    expect(gainBelowTau([60, 60.125], 1, 0.25)).toBe(true);
  });

  it('does not fail on a flat curve while the window is longer than the history', () => {
    expect(gainBelowTau([70, 70, 70], 5, 0.05)).toBe(false);
    expect(gainBelowTau([70, 70, 70], 2, 0.05)).toBe(true);
  });
});
