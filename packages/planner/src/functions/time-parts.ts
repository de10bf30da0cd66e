import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  civilFromDays,
  dayOfWeek,
  dayOfYear,
  daysFromCivil,
  daysInMonth,
  epochMsToDays,
  isoWeekOf,
} from '@velots/core';

/** Calendar pieces of epoch-ms instants (UTC), for EXTRACT, DATE_TRUNC and DATEDIFF. */

/** Reads one part of an instant as a number. */
export type PartReader = (ms: number) => number;

const inDay = (ms: number): number => ms - epochMsToDays(ms) * MS_PER_DAY;
const msOfSecond = (ms: number): number => ((ms % MS_PER_SECOND) + MS_PER_SECOND) % MS_PER_SECOND;

/** EXTRACT parts by name (upper case, singular and common aliases). */
export const PART_READERS: Readonly<Record<string, PartReader>> = {
  YEAR: (ms) => civilFromDays(epochMsToDays(ms)).year,
  QUARTER: (ms) => Math.floor((civilFromDays(epochMsToDays(ms)).month - 1) / 3) + 1,
  MONTH: (ms) => civilFromDays(epochMsToDays(ms)).month,
  WEEK: (ms) => isoWeekOf(epochMsToDays(ms)).week,
  DAY: (ms) => civilFromDays(epochMsToDays(ms)).day,
  DOY: (ms) => dayOfYear(epochMsToDays(ms)),
  DOW: (ms) => dayOfWeek(epochMsToDays(ms)),
  ISODOW: (ms) => dayOfWeek(epochMsToDays(ms)) || 7,
  HOUR: (ms) => Math.floor(inDay(ms) / MS_PER_HOUR),
  MINUTE: (ms) => Math.floor((inDay(ms) % MS_PER_HOUR) / MS_PER_MINUTE),
  SECOND: (ms) => Math.floor((inDay(ms) % MS_PER_MINUTE) / MS_PER_SECOND),
  MILLISECOND: msOfSecond,
  MICROSECOND: (ms) => msOfSecond(ms) * 1000,
  NANOSECOND: (ms) => msOfSecond(ms) * 1_000_000,
  EPOCH: (ms) => Math.floor(ms / MS_PER_SECOND),
};

const PART_ALIASES: Readonly<Record<string, string>> = {
  YEARS: 'YEAR', QUARTERS: 'QUARTER', MONTHS: 'MONTH', WEEKS: 'WEEK', ISOWEEK: 'WEEK', DAYS: 'DAY',
  DAYOFMONTH: 'DAY', DAYOFYEAR: 'DOY', DAYOFWEEK: 'DOW', HOURS: 'HOUR', MINUTES: 'MINUTE', SECONDS: 'SECOND',
  MILLISECONDS: 'MILLISECOND', MICROSECONDS: 'MICROSECOND', NANOSECONDS: 'NANOSECOND',
};

/** The canonical part name of `name` (any case, plural or alias), or undefined. */
export function canonicalPart(name: string): string | undefined {
  const upper = name.trim().toUpperCase();
  const canonical = PART_ALIASES[upper] ?? upper;
  return canonical in PART_READERS ? canonical : undefined;
}

/** Calendar units of DATEDIFF and DATE_TRUNC. */
export type TimeUnit = 'YEAR' | 'QUARTER' | 'MONTH' | 'WEEK' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND' | 'MILLISECOND';

const UNITS: readonly TimeUnit[] = ['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND'];

/** The unit named `name` (any case, singular or plural), or undefined. */
export function timeUnit(name: string): TimeUnit | undefined {
  const upper = name.trim().toUpperCase();
  const singular = upper.endsWith('S') ? upper.slice(0, -1) : upper;
  return UNITS.find((u) => u === singular);
}

const FIXED_UNIT_MS: Readonly<Partial<Record<TimeUnit, number>>> = {
  WEEK: 7 * MS_PER_DAY,
  DAY: MS_PER_DAY,
  HOUR: MS_PER_HOUR,
  MINUTE: MS_PER_MINUTE,
  SECOND: MS_PER_SECOND,
  MILLISECOND: 1,
};

/** Milliseconds in a fixed-length unit (WEEK and below); undefined for calendar units. */
export function fixedUnitMs(unit: TimeUnit): number | undefined {
  return FIXED_UNIT_MS[unit];
}

function monthIndex(ms: number): number {
  const c = civilFromDays(epochMsToDays(ms));
  return c.year * 12 + c.month - 1;
}

/** Milliseconds since the start of the instant's month: compared to decide whether a month is complete. */
function offsetInMonth(ms: number): number {
  const days = epochMsToDays(ms);
  return (civilFromDays(days).day - 1) * MS_PER_DAY + inDay(ms);
}

/** Whole calendar months from a to b (b − a), counting only complete months, toward zero. */
function monthsBetween(a: number, b: number): number {
  let months = monthIndex(b) - monthIndex(a);
  if (months > 0 && offsetInMonth(b) < offsetInMonth(a)) months--;
  if (months < 0 && offsetInMonth(b) > offsetInMonth(a)) months++;
  return months;
}

/** b − a in whole `unit`s, truncated toward zero; months, quarters and years follow the calendar. */
export function diffInUnit(unit: TimeUnit, a: number, b: number): number {
  const fixed = FIXED_UNIT_MS[unit];
  if (fixed !== undefined) return Math.trunc((b - a) / fixed);
  const months = monthsBetween(a, b);
  return Math.trunc(unit === 'MONTH' ? months : unit === 'QUARTER' ? months / 3 : months / 12);
}

/** The instant truncated to the start of its `unit` (weeks start on Monday). */
export function truncateToUnit(unit: TimeUnit, ms: number): number {
  const days = epochMsToDays(ms);
  switch (unit) {
    case 'YEAR':
      return daysFromCivil(civilFromDays(days).year, 1, 1) * MS_PER_DAY;
    case 'QUARTER': {
      const c = civilFromDays(days);
      return daysFromCivil(c.year, Math.floor((c.month - 1) / 3) * 3 + 1, 1) * MS_PER_DAY;
    }
    case 'MONTH': {
      const c = civilFromDays(days);
      return daysFromCivil(c.year, c.month, 1) * MS_PER_DAY;
    }
    case 'WEEK':
      return (days - ((dayOfWeek(days) + 6) % 7)) * MS_PER_DAY;
    default: {
      const size = FIXED_UNIT_MS[unit] as number;
      return Math.floor(ms / size) * size;
    }
  }
}

/** The instant moved by whole calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 29 in 2024). */
export function addMonths(ms: number, months: number): number {
  const days = epochMsToDays(ms);
  const c = civilFromDays(days);
  const index = c.year * 12 + c.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(c.day, daysInMonth(year, month));
  return daysFromCivil(year, month, day) * MS_PER_DAY + inDay(ms);
}
