import { ErrorCodes, VeloError } from './errors.js';
import { MONTH_NAMES, WEEKDAY_NAMES, tokenize } from './strftime.js';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, daysFromCivil, daysInMonth } from './temporal.js';

/**
 * Reading text back with a strftime pattern (the inverse of `compileStrftime`, same specifiers and conventions):
 * each specifier becomes a reader of its field, composites expand to their parts.
 */

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
