import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '@velots/core';

describe('systemClock', () => {
  it('reads the wall clock in epoch milliseconds', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect(Object.isFrozen(systemClock)).toBe(true);
  });
});

describe('ManualClock', () => {
  it('starts at 0 or at the given time and stays there until moved', () => {
    expect(new ManualClock().now()).toBe(0);
    const clock = new ManualClock(1_700_000_000_000);
    expect(clock.now()).toBe(1_700_000_000_000);
    expect(clock.now()).toBe(1_700_000_000_000);
  });

  it('advance moves forward by a duration, zero included', () => {
    const clock = new ManualClock(1000);
    clock.advance(250);
    clock.advance(0);
    expect(clock.now()).toBe(1250);
  });

  it('set jumps to a time at or after the current one', () => {
    const clock = new ManualClock(1000);
    clock.set(5000);
    clock.set(5000);
    expect(clock.now()).toBe(5000);
  });

  it('refuses to go back, or to NaN, leaving the time unchanged', () => {
    const clock = new ManualClock(1000);
    expect(() => clock.advance(-1)).toThrow(new RangeError('ManualClock cannot go back (-1 ms)'));
    expect(() => clock.advance(Number.NaN)).toThrow(new RangeError('ManualClock cannot go back (NaN ms)'));
    expect(() => clock.set(999)).toThrow(new RangeError('ManualClock cannot go back from 1000 to 999'));
    expect(() => clock.set(Number.NaN)).toThrow(new RangeError('ManualClock cannot go back from 1000 to NaN'));
    expect(clock.now()).toBe(1000);
  });
});
