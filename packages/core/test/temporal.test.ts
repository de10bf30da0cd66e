import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  civilFromDays,
  compileStrftime,
  dayOfWeek,
  dayOfYear,
  daysFromCivil,
  formatIsoDate,
  formatIsoTimestamp,
  formatStrftime,
  isoWeekOf,
  parseBooleanText,
  parseDateText,
  parseStrftime,
  parseTimestampText,
  hasErrorCode,
} from '@velots/core';

describe('calendar arithmetic', () => {
  it('numbers days from 1970-01-01', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2024, 3, 15)).toBe(19797);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 2, 29)).toBe(11016);
    expect(daysFromCivil(1, 1, 1)).toBe(-719162);
  });

  it('agrees with Date.UTC and round-trips for every day in ±300 years', () => {
    fc.assert(
      fc.property(fc.integer({ min: -110_000, max: 110_000 }), (days) => {
        const c = civilFromDays(days);
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(days);
        const d = new Date(days * 86_400_000);
        expect([c.year, c.month, c.day]).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
        expect(dayOfWeek(days)).toBe(d.getUTCDay());
      }),
    );
  });

  it('gives ISO weeks and days of the year', () => {
    expect(isoWeekOf(daysFromCivil(2024, 1, 1))).toEqual({ year: 2024, week: 1 });
    expect(isoWeekOf(daysFromCivil(2021, 1, 3))).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf(daysFromCivil(2024, 12, 30))).toEqual({ year: 2025, week: 1 });
    expect(dayOfYear(daysFromCivil(2024, 12, 31))).toBe(366);
    expect(dayOfYear(daysFromCivil(2023, 12, 31))).toBe(365);
  });
});

describe('parseDateText', () => {
  it('reads the four date layouts of the dialect', () => {
    expect(parseDateText('2024-03-15')).toBe(19797);
    expect(parseDateText('2024/03/15')).toBe(19797);
    expect(parseDateText('03/15/2024')).toBe(19797);
    expect(parseDateText('15-03-2024')).toBe(19797);
    expect(parseDateText(' 1970-01-01 ')).toBe(0);
    expect(parseDateText('1969-12-31')).toBe(-1);
  });

  it('rejects impossible dates and other text', () => {
    expect(parseDateText('2023-02-29')).toBeUndefined();
    expect(parseDateText('2024-13-01')).toBeUndefined();
    expect(parseDateText('2024-00-10')).toBeUndefined();
    expect(parseDateText('2024-03-15T00:00:00')).toBeUndefined();
    expect(parseDateText('2024/03-15')).toBeUndefined();
    expect(parseDateText('')).toBeUndefined();
    expect(parseDateText('yesterday')).toBeUndefined();
  });
});

describe('parseTimestampText', () => {
  it('reads date-times with a space or a T, with or without a fraction', () => {
    expect(parseTimestampText('2024-03-15 10:30:00')).toBe(1710498600000);
    expect(parseTimestampText('2024-03-15T10:30:00')).toBe(1710498600000);
    expect(parseTimestampText('2024-03-15T10:30:00.123')).toBe(1710498600123);
    expect(parseTimestampText('2024-03-15T10:30:00.5')).toBe(1710498600500);
    expect(parseTimestampText('2024-03-15T10:30:00.123456789')).toBe(1710498600123);
    expect(parseTimestampText('2024-03-15T10:30')).toBe(1710498600000);
  });

  it('reads a date alone as midnight UTC', () => {
    expect(parseTimestampText('2024-03-15')).toBe(1710460800000);
    expect(parseTimestampText('1969-12-31')).toBe(-86_400_000);
  });

  it('honours RFC 3339 zones', () => {
    expect(parseTimestampText('2024-03-15T10:30:00Z')).toBe(1710498600000);
    expect(parseTimestampText('2024-03-15T12:30:00+02:00')).toBe(1710498600000);
    expect(parseTimestampText('2024-03-15T05:00:00-0530')).toBe(1710498600000);
    expect(parseTimestampText('2024-03-15T10:30:00.250Z')).toBe(1710498600250);
  });

  it('rejects impossible times and other text', () => {
    expect(parseTimestampText('2024-03-15T24:00:00')).toBeUndefined();
    expect(parseTimestampText('2024-03-15T10:60:00')).toBeUndefined();
    expect(parseTimestampText('2024-02-30T10:00:00')).toBeUndefined();
    expect(parseTimestampText('2024-03-15T10:30:00+25:00')).toBeUndefined();
    expect(parseTimestampText('1710498600000')).toBeUndefined();
    expect(parseTimestampText('now')).toBeUndefined();
  });
});

describe('ISO formatting', () => {
  it('writes .fff only when the milliseconds are not zero', () => {
    expect(formatIsoTimestamp(1710498600000)).toBe('2024-03-15T10:30:00');
    expect(formatIsoTimestamp(1710498600007)).toBe('2024-03-15T10:30:00.007');
    expect(formatIsoTimestamp(0)).toBe('1970-01-01T00:00:00');
    expect(formatIsoTimestamp(-1)).toBe('1969-12-31T23:59:59.999');
    expect(formatIsoDate(19797)).toBe('2024-03-15');
    expect(formatIsoDate(-719162)).toBe('0001-01-01');
  });

  it('round-trips through parseTimestampText', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5e12, max: 2e13 }), (ms) => {
        expect(parseTimestampText(formatIsoTimestamp(ms))).toBe(ms);
      }),
    );
  });
});

describe('strftime', () => {
  const t = 1710498600123; // 2024-03-15 10:30:00.123 UTC, a Friday

  it('formats the common specifiers in UTC', () => {
    expect(formatStrftime(t, '%Y-%m-%d %H:%M:%S')).toBe('2024-03-15 10:30:00');
    expect(formatStrftime(t, '%y/%e %j %a %A %b %B')).toBe('24/15 075 Fri Friday Mar March');
    expect(formatStrftime(t, '%I:%M %p|%P %u %w %V %G')).toBe('10:30 AM|am 5 5 11 2024');
    expect(formatStrftime(t + 5 * 3_600_000, '%I %l %k %p')).toBe('03  3 15 PM');
    expect(formatStrftime(t, '%z %:z %Z %% %s')).toBe('+0000 +00:00 UTC % 1710498600');
    expect(formatStrftime(t, '%T %F %D %R')).toBe('10:30:00 2024-03-15 03/15/24 10:30');
  });

  it('formats fractions the chrono way', () => {
    expect(formatStrftime(t, '%S.%3f')).toBe('00.123');
    expect(formatStrftime(t, '%S%.3f')).toBe('00.123');
    expect(formatStrftime(t, '%6f %9f %f')).toBe('123000 123000000 123000000');
    expect(formatStrftime(t, '%S%.f')).toBe('00.123');
    expect(formatStrftime(t - 123, '%S%.f')).toBe('00');
  });

  it('rejects unknown specifiers', () => {
    expect(() => compileStrftime('%Q')).toThrow(/unknown strftime specifier '%Q'/);
    try {
      compileStrftime('%Y-%');
    } catch (e) {
      expect(hasErrorCode(e, 'INVALID_ARGUMENT')).toBe(true);
    }
  });

  it('parses what it formats', () => {
    expect(parseStrftime('2024-03-15 10:30:00', '%Y-%m-%d %H:%M:%S')).toBe(1710498600000);
    expect(parseStrftime('15/Mar/2024:10:30:00 +0200', '%d/%b/%Y:%H:%M:%S %z')).toBe(1710498600000 - 7_200_000);
    expect(parseStrftime('03/15/24 10:30:00 AM', '%D %r')).toBe(1710498600000);
    expect(parseStrftime('12:05 am 2024-03-15', '%I:%M %p %F')).toBe(1710460800000 + 5 * 60_000);
    expect(parseStrftime('2024-075', '%Y-%j')).toBe(1710460800000);
    expect(parseStrftime('1710498600', '%s')).toBe(1710498600000);
    expect(parseStrftime('2024-03-15T10:30:00.123Z', '%Y-%m-%dT%H:%M:%S%.f%z')).toBe(t);
    expect(parseStrftime('20240315', '%Y%m%d')).toBe(1710460800000);
  });

  it('returns undefined for text that does not fit', () => {
    expect(parseStrftime('2024-03-15', '%Y-%m-%d %H')).toBeUndefined();
    expect(parseStrftime('2024-02-30', '%Y-%m-%d')).toBeUndefined();
    expect(parseStrftime('2024-03-15 extra', '%Y-%m-%d')).toBeUndefined();
    expect(parseStrftime('13:00 PM', '%I:%M %p')).toBeUndefined();
  });

  it('round-trips every instant through its full pattern', () => {
    const pattern = '%Y-%m-%d %H:%M:%S%.3f';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), (ms) => {
        expect(parseStrftime(formatStrftime(ms, pattern), pattern)).toBe(ms);
      }),
    );
  });
});

describe('parseBooleanText', () => {
  it('reads true/t/1 and false/f/0 in any case', () => {
    expect(['true', 'TRUE', 'T', 't', '1', ' True '].map(parseBooleanText)).toEqual([true, true, true, true, true, true]);
    expect(['false', 'False', 'F', 'f', '0'].map(parseBooleanText)).toEqual([false, false, false, false, false]);
  });

  it('leaves anything else undefined', () => {
    expect(parseBooleanText('yes')).toBeUndefined();
    expect(parseBooleanText('')).toBeUndefined();
    expect(parseBooleanText('2')).toBeUndefined();
  });
});
