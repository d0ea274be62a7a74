import { describe, expect, it } from 'vitest';
import { counted, formatCount, formatDuration, formatPercent, formatRate } from './format.ts';

describe('format', () => {
  it('writes counts with three significant digits and an SI prefix', () => {
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234)).toBe('1.23 k');
    expect(formatCount(25_600_000)).toBe('25.6 M');
    expect(formatCount(4.1e9)).toBe('4.10 G');
  });

  it('writes percents, rates and durations', () => {
    expect(formatPercent(91.372)).toBe('91.37%');
    expect(formatPercent(null)).toBe('–');
    expect(formatRate(512.4)).toBe('512 img/s');
    expect(formatRate(12.34)).toBe('12.3 img/s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(75)).toBe('1 min 15 s');
    expect(formatDuration(7300)).toBe('2 h 1 min');
  });

  it('counts a noun in the singular only for one', () => {
    expect(counted(1, 'run')).toBe('1 run');
    expect(counted(0, 'run')).toBe('0 runs');
    expect(counted(4, 'volunteer')).toBe('4 volunteers');
  });
});
