import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateText, parseTimestampText } from '@velots/core';
import { parseDateFast, parseTimestampFast } from '../../src/typing/fast-temporal.js';

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

describe('fast date and timestamp parsing', () => {
  it('agrees with core on every ISO date and date-time shape, valid or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('T', ' '),
        fc.constantFrom('', 'Z'),
        (y, mo, d, h, mi, ms, sep, zone) => {
          const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
          expect(parseDateFast(date)).toBe(parseDateText(date));
          const whole = `${date}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(mi, 2)}${zone}`;
          const fraction = `${date}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(mi, 2)}.${pad(ms, 3)}${zone}`;
          expect(parseTimestampFast(whole)).toBe(parseTimestampText(whole));
          expect(parseTimestampFast(fraction)).toBe(parseTimestampText(fraction));
        },
      ),
    );
  });
});
