import { describe, expect, it } from 'vitest';
import { DEFAULT_NEW_VOLUNTEERS_PER_HOUR, NewVolunteerLimit, newVolunteersPerHour } from './new-volunteer-limit.ts';

describe('NewVolunteerLimit', () => {
  it('admits up to the limit per address within an hour, then says when the oldest arrival ages out', () => {
    const limit = new NewVolunteerLimit(3);
    expect([0, 1000, 2000].map((at) => limit.admit('10.0.0.1', at))).toEqual([0, 0, 0]);
    expect(limit.admit('10.0.0.1', 10_000)).toBe(3590);
    expect(limit.admit('10.0.0.2', 10_000)).toBe(0);
    expect(limit.admit('10.0.0.1', 3_600_000)).toBe(0);
    expect(limit.admit('10.0.0.1', 3_600_500)).toBe(1);
  });

  it('does not count a refused arrival against the address', () => {
    const limit = new NewVolunteerLimit(1);
    limit.admit('a', 0);
    for (let at = 1; at < 100; at++) limit.admit('a', at);
    expect(limit.admit('a', 3_600_000)).toBe(0);
  });

  it('reads the variable, falling back to the default for anything but a positive whole number', () => {
    expect(newVolunteersPerHour('500')).toBe(500);
    for (const bad of [undefined, '', '0', '-3', '2.5', 'many']) expect(newVolunteersPerHour(bad)).toBe(DEFAULT_NEW_VOLUNTEERS_PER_HOUR);
  });
});
