import { ErrorCodes, VeloError } from './errors.js';
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  civilFromDays,
  dayOfWeek,
  dayOfYear,
  epochMsToDays,
  isoWeekOf,
} from './temporal.js';

/**
 * strftime-style patterns, in UTC, with chrono's conventions (Velostream is written in Rust):
 * `%f` is the 9-digit nanosecond fraction, `%3f`/`%6f`/`%9f` fix the width, and `%.f`/`%.3f`/`%.6f`/`%.9f`
 * include the dot (`%.f`: `.fff`, or nothing when the milliseconds are zero).
 */

/** Month names, January first: `%B` prints them, `%b` their first three letters. */
export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
/** Weekday names, Sunday first (as `dayOfWeek` counts). */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The fields of an instant that patterns print. */
interface Broken {
  ms: number;
  days: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
}

function breakDown(ms: number): Broken {
  const days = epochMsToDays(ms);
  const inDay = ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    ms,
    days,
    year,
    month,
    day,
    hour: Math.floor(inDay / MS_PER_HOUR),
    minute: Math.floor((inDay % MS_PER_HOUR) / MS_PER_MINUTE),
    second: Math.floor((inDay % MS_PER_MINUTE) / MS_PER_SECOND),
    millis: inDay % MS_PER_SECOND,
  };
}

function num(n: number, width: number, fill = '0'): string {
  const s = String(Math.abs(n)).padStart(width, fill);
  return n < 0 ? `-${s}` : s;
}

function hour12(hour: number): number {
  return hour % 12 === 0 ? 12 : hour % 12;
}

type Printer = (b: Broken) => string;

const PRINTERS: Readonly<Record<string, Printer>> = {
  Y: (b) => num(b.year, 4),
  C: (b) => num(Math.floor(b.year / 100), 2),
  y: (b) => num(((b.year % 100) + 100) % 100, 2),
  m: (b) => num(b.month, 2),
  b: (b) => (MONTH_NAMES[b.month - 1] ?? '').slice(0, 3),
  h: (b) => (MONTH_NAMES[b.month - 1] ?? '').slice(0, 3),
  B: (b) => MONTH_NAMES[b.month - 1] ?? '',
  d: (b) => num(b.day, 2),
  e: (b) => num(b.day, 2, ' '),
  j: (b) => num(dayOfYear(b.days), 3),
  H: (b) => num(b.hour, 2),
  k: (b) => num(b.hour, 2, ' '),
  I: (b) => num(hour12(b.hour), 2),
  l: (b) => num(hour12(b.hour), 2, ' '),
  M: (b) => num(b.minute, 2),
  S: (b) => num(b.second, 2),
  f: (b) => num(b.millis * 1_000_000, 9),
  '3f': (b) => num(b.millis, 3),
  '6f': (b) => num(b.millis * 1000, 6),
  '9f': (b) => num(b.millis * 1_000_000, 9),
  '.f': (b) => (b.millis === 0 ? '' : `.${num(b.millis, 3)}`),
  '.3f': (b) => `.${num(b.millis, 3)}`,
  '.6f': (b) => `.${num(b.millis * 1000, 6)}`,
  '.9f': (b) => `.${num(b.millis * 1_000_000, 9)}`,
  p: (b) => (b.hour < 12 ? 'AM' : 'PM'),
  P: (b) => (b.hour < 12 ? 'am' : 'pm'),
  a: (b) => (WEEKDAY_NAMES[dayOfWeek(b.days)] ?? '').slice(0, 3),
  A: (b) => WEEKDAY_NAMES[dayOfWeek(b.days)] ?? '',
  u: (b) => String(dayOfWeek(b.days) === 0 ? 7 : dayOfWeek(b.days)),
  w: (b) => String(dayOfWeek(b.days)),
  V: (b) => num(isoWeekOf(b.days).week, 2),
  G: (b) => num(isoWeekOf(b.days).year, 4),
  z: () => '+0000',
  ':z': () => '+00:00',
  Z: () => 'UTC',
  s: (b) => String(Math.floor(b.ms / MS_PER_SECOND)),
  T: (b) => `${num(b.hour, 2)}:${num(b.minute, 2)}:${num(b.second, 2)}`,
  R: (b) => `${num(b.hour, 2)}:${num(b.minute, 2)}`,
  D: (b) => `${num(b.month, 2)}/${num(b.day, 2)}/${num(((b.year % 100) + 100) % 100, 2)}`,
  F: (b) => `${num(b.year, 4)}-${num(b.month, 2)}-${num(b.day, 2)}`,
  r: (b) => `${num(hour12(b.hour), 2)}:${num(b.minute, 2)}:${num(b.second, 2)} ${b.hour < 12 ? 'AM' : 'PM'}`,
  n: () => '\n',
  t: () => '\t',
  '%': () => '%',
};

/** A pattern split into literal text and specifier names (`Y`, `.3f`, `:z`…). */
export type PatternPart = { readonly literal: string } | { readonly spec: string };

const SPEC_AT = /^(?:\.?[369]?f|:z|[A-Za-z%])/;

/** Splits a pattern into literals and the specifiers `compileStrftime` knows; INVALID_ARGUMENT on any other. */
export function tokenize(pattern: string): PatternPart[] {
  const parts: PatternPart[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== '%') {
      literal += c;
      continue;
    }
    const m = SPEC_AT.exec(pattern.slice(i + 1));
    if (!m || !(m[0] in PRINTERS)) {
      throw new VeloError(
        ErrorCodes.INVALID_ARGUMENT,
        `unknown strftime specifier '%${m?.[0] ?? pattern.slice(i + 1, i + 2)}' in pattern '${pattern}'`,
      );
    }
    if (literal) parts.push({ literal });
    literal = '';
    parts.push({ spec: m[0] });
    i += m[0].length;
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** Compiles a strftime pattern once into a formatter of epoch ms (UTC); throws INVALID_ARGUMENT on an unknown specifier. */
export function compileStrftime(pattern: string): (ms: number) => string {
  const printers: Printer[] = tokenize(pattern).map((part) => {
    if ('literal' in part) {
      const text = part.literal;
      return () => text;
    }
    return PRINTERS[part.spec] as Printer;
  });
  return (ms) => {
    const b = breakDown(ms);
    let out = '';
    for (const p of printers) out += p(b);
    return out;
  };
}

/** Formats epoch ms with a strftime pattern in UTC (`%Y-%m-%d %H:%M:%S`). */
export function formatStrftime(ms: number, pattern: string): string {
  return compileStrftime(pattern)(ms);
}
