import { ErrorCodes, VeloError } from './errors.js';
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
} from './temporal.js';

/**
 * strftime-style patterns, in UTC, with chrono's conventions (Velostream is written in Rust):
 * `%f` is the 9-digit nanosecond fraction, `%3f`/`%6f`/`%9f` fix the width, and `%.f`/`%.3f`/`%.6f`/`%.9f`
 * include the dot (`%.f`: `.fff`, or nothing when the milliseconds are zero).
 */

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

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
type PatternPart = { readonly literal: string } | { readonly spec: string };

const SPEC_AT = /^(?:\.?[369]?f|:z|[A-Za-z%])/;

function tokenize(pattern: string): PatternPart[] {
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

/** What a parse has read so far. */
interface Parsed {
  year: number;
  month: number;
  day: number;
  dayOfYear: number | undefined;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  pm: boolean | undefined;
  offsetMinutes: number;
  epochSeconds: number | undefined;
}

/** Reads a field at `pos`; returns the new position or -1 when the text does not fit. */
type Reader = (s: string, pos: number, p: Parsed) => number;

function readInt(s: string, pos: number, maxDigits: number, signed = false): [number, number] | undefined {
  let i = pos;
  while (s[i] === ' ') i++;
  let sign = 1;
  if (signed && (s[i] === '-' || s[i] === '+')) {
    sign = s[i] === '-' ? -1 : 1;
    i++;
  }
  const start = i;
  while (i < s.length && i - start < maxDigits && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === start) return undefined;
  return [sign * Number(s.slice(start, i)), i];
}

function intReader(maxDigits: number, set: (p: Parsed, v: number) => void, signed = false): Reader {
  return (s, pos, p) => {
    const r = readInt(s, pos, maxDigits, signed);
    if (!r) return -1;
    set(p, r[0]);
    return r[1];
  };
}

function nameReader(names: readonly string[], set: (p: Parsed, index: number) => void): Reader {
  return (s, pos, p) => {
    const rest = s.slice(pos).toLowerCase();
    for (let i = 0; i < names.length; i++) {
      const full = (names[i] ?? '').toLowerCase();
      for (const candidate of [full, full.slice(0, 3)]) {
        if (rest.startsWith(candidate)) {
          set(p, i);
          return pos + candidate.length;
        }
      }
    }
    return -1;
  };
}

function fractionReader(withDot: boolean): Reader {
  return (s, pos, p) => {
    let i = pos;
    if (withDot) {
      if (s[i] !== '.') return pos; // the dotted forms may be absent (no fraction)
      i++;
    }
    const start = i;
    while (i < s.length && i - start < 9 && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return -1;
    p.millis = Number(s.slice(start, i).slice(0, 3).padEnd(3, '0'));
    return i;
  };
}

const readZone: Reader = (s, pos, p) => {
  if (s[pos] === 'Z' || s[pos] === 'z') {
    p.offsetMinutes = 0;
    return pos + 1;
  }
  const m = /^([+-])(\d{2}):?(\d{2})/.exec(s.slice(pos));
  if (!m) return -1;
  p.offsetMinutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return pos + m[0].length;
};

const twoDigitYear = (p: Parsed, v: number): void => {
  p.year = v < 69 ? 2000 + v : 1900 + v; // POSIX pivot
};

const READERS: Readonly<Record<string, Reader>> = {
  Y: intReader(4, (p, v) => (p.year = v), true),
  y: intReader(2, twoDigitYear),
  m: intReader(2, (p, v) => (p.month = v)),
  b: nameReader(MONTH_NAMES, (p, i) => (p.month = i + 1)),
  h: nameReader(MONTH_NAMES, (p, i) => (p.month = i + 1)),
  B: nameReader(MONTH_NAMES, (p, i) => (p.month = i + 1)),
  d: intReader(2, (p, v) => (p.day = v)),
  e: intReader(2, (p, v) => (p.day = v)),
  j: intReader(3, (p, v) => (p.dayOfYear = v)),
  H: intReader(2, (p, v) => (p.hour = v)),
  k: intReader(2, (p, v) => (p.hour = v)),
  I: intReader(2, (p, v) => (p.hour = v)),
  l: intReader(2, (p, v) => (p.hour = v)),
  M: intReader(2, (p, v) => (p.minute = v)),
  S: intReader(2, (p, v) => (p.second = v)),
  f: fractionReader(false),
  '3f': fractionReader(false),
  '6f': fractionReader(false),
  '9f': fractionReader(false),
  '.f': fractionReader(true),
  '.3f': fractionReader(true),
  '.6f': fractionReader(true),
  '.9f': fractionReader(true),
  p: nameReader(['AM', 'PM'], (p, i) => (p.pm = i === 1)),
  P: nameReader(['AM', 'PM'], (p, i) => (p.pm = i === 1)),
  a: nameReader(WEEKDAY_NAMES, () => undefined),
  A: nameReader(WEEKDAY_NAMES, () => undefined),
  u: intReader(1, () => undefined),
  w: intReader(1, () => undefined),
  z: readZone,
  ':z': readZone,
  Z: (s, pos) => {
    const m = /^[A-Za-z]+/.exec(s.slice(pos));
    return m && /^(UTC|GMT|Z)$/i.test(m[0]) ? pos + m[0].length : -1;
  },
  s: intReader(12, (p, v) => (p.epochSeconds = v), true),
  '%': (s, pos) => (s[pos] === '%' ? pos + 1 : -1),
  n: (s, pos) => (s[pos] === '\n' ? pos + 1 : -1),
  t: (s, pos) => (s[pos] === '\t' ? pos + 1 : -1),
};

/** Composite specifiers expand to their parts before parsing. */
const EXPANSIONS: Readonly<Record<string, string>> = {
  T: '%H:%M:%S',
  R: '%H:%M',
  D: '%m/%d/%y',
  F: '%Y-%m-%d',
  r: '%I:%M:%S %p',
};

function literalReader(text: string): Reader {
  return (s, pos) => {
    let i = pos;
    for (const c of text) {
      if (c === ' ') {
        while (s[i] === ' ' || s[i] === '\t') i++; // a blank in the pattern matches any run of blanks
      } else if (s[i] === c) {
        i++;
      } else {
        return -1;
      }
    }
    return i;
  };
}

function readersOf(pattern: string): Reader[] {
  return tokenize(pattern).flatMap((part): Reader[] => {
    if ('literal' in part) return [literalReader(part.literal)];
    const expansion = EXPANSIONS[part.spec];
    if (expansion) return readersOf(expansion);
    const reader = READERS[part.spec];
    if (!reader) throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `strftime specifier '%${part.spec}' cannot be parsed`);
    return [reader];
  });
}

/**
 * Compiles a strftime pattern once into a parser returning epoch ms (UTC unless the text carries `%z`),
 * or undefined when the text does not match the pattern or names an impossible date or time.
 */
export function compileStrftimeParser(pattern: string): (text: string) => number | undefined {
  const readers = readersOf(pattern);
  return (text) => {
    const s = text.trim();
    const p: Parsed = {
      year: 1970, month: 1, day: 1, dayOfYear: undefined, hour: 0, minute: 0, second: 0, millis: 0,
      pm: undefined, offsetMinutes: 0, epochSeconds: undefined,
    };
    let pos = 0;
    for (const read of readers) {
      pos = read(s, pos, p);
      if (pos < 0) return undefined;
    }
    if (pos !== s.length) return undefined;
    if (p.epochSeconds !== undefined) return p.epochSeconds * MS_PER_SECOND + p.millis;
    let hour = p.hour;
    if (p.pm !== undefined) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (p.pm ? 12 : 0);
    }
    if (hour > 23 || p.minute > 59 || p.second > 59) return undefined;
    let days: number;
    if (p.dayOfYear !== undefined) {
      const maxDay = daysFromCivil(p.year + 1, 1, 1) - daysFromCivil(p.year, 1, 1);
      if (p.dayOfYear < 1 || p.dayOfYear > maxDay) return undefined;
      days = daysFromCivil(p.year, 1, 1) + p.dayOfYear - 1;
    } else {
      if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysInMonth(p.year, p.month)) return undefined;
      days = daysFromCivil(p.year, p.month, p.day);
    }
    return (
      days * MS_PER_DAY + hour * MS_PER_HOUR + p.minute * MS_PER_MINUTE + p.second * MS_PER_SECOND + p.millis -
      p.offsetMinutes * MS_PER_MINUTE
    );
  };
}

/** Parses text with a strftime pattern into epoch ms; undefined when it does not match. */
export function parseStrftime(text: string, pattern: string): number | undefined {
  return compileStrftimeParser(pattern)(text);
}
