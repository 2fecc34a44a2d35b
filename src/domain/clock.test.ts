import { describe, expect, it } from 'vitest';
import { fixedClock, systemClock } from './clock.ts';

describe('fixedClock', () => {
  it('stays at the instant it was given', () => {
    const clock = fixedClock('2024-07-15T09:30:00+08:00');
    expect(clock.now().toISOString()).toBe('2024-07-15T01:30:00.000Z');
    expect(clock.now().toISOString()).toBe('2024-07-15T01:30:00.000Z');
  });

  it('moves forward by advance and jumps by set', () => {
    const clock = fixedClock(new Date('2024-07-15T00:00:00Z'));
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2024-07-15T00:01:30.000Z');
    clock.set('2024-12-31T23:59:59.999Z');
    expect(clock.now().toISOString()).toBe('2024-12-31T23:59:59.999Z');
  });

  it('hands out copies, so a caller mutating a Date does not move the clock', () => {
    const clock = fixedClock('2024-07-15T00:00:00Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2024);
  });

  it('refuses a string that is not an instant', () => {
    expect(() => fixedClock('next friday')).toThrow(RangeError);
  });
});

describe('systemClock', () => {
  it('reads the real time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
