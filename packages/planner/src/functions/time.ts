import {
  MS_PER_DAY,
  SqlTypes,
  compileStrftime,
  compileStrftimeParser,
  epochMsToDays,
  formatIsoTimestamp,
  parseDateText,
  parseTimestampText,
  type SqlType,
  type SqlValue,
} from '@velots/core';
import { coerceArg } from './signature.js';
import { constantString, defineFunction, invalidArgument } from './define.js';
import type { ScalarFunction, ScalarImpl } from './function-def.js';
import { PART_READERS, addMonths, fixedUnitMs, canonicalPart, diffInUnit, timeUnit, truncateToUnit, type PartReader, type TimeUnit } from './time-parts.js';

/**
 * Time functions. A `ts` argument may be a TIMESTAMP, a DATE, BIGINT epoch ms or ISO text: it is cast
 * to TIMESTAMP (epoch ms) before the call. Units, parts and formats are compiled once when constant.
 */

const ms = (v: SqlValue | undefined): number => v as number;

/** Looks a name up once when constant, else per record; unknown names are errors naming the function. */
function byName<T>(fn: string, what: string, lookup: (name: string) => T | undefined, constant: string | undefined): (v: SqlValue | undefined) => T {
  const resolveName = (name: string): T => {
    const found = lookup(name);
    if (found === undefined) throw invalidArgument(fn, `unknown ${what} '${name}'`);
    return found;
  };
  if (constant !== undefined) {
    const fixed = resolveName(constant);
    return () => fixed;
  }
  return (v) => resolveName(v as string);
}

function extractFunction(name: string, part: string): ScalarFunction {
  const read = PART_READERS[part] as PartReader;
  return defineFunction({
    name,
    category: 'time',
    minArgs: 1,
    description: `${name}(ts) → BIGINT: EXTRACT(${part} FROM ts)`,
    args: ['time'],
    result: SqlTypes.BIGINT,
    impl: (_ctx, [t]) => read(ms(t)),
  });
}

const EXTRACT = defineFunction({
  name: 'EXTRACT',
  aliases: ['DATE_PART'],
  category: 'time',
  minArgs: 2,
  description: 'EXTRACT(part FROM ts) → BIGINT: YEAR QUARTER MONTH WEEK (ISO) DAY DOY DOW (0 = Sunday) HOUR MINUTE SECOND MILLISECOND MICROSECOND NANOSECOND (within the second) or EPOCH (seconds)',
  args: ['string', 'time'],
  result: SqlTypes.BIGINT,
  prepare: (constants) => {
    const reader = byName('EXTRACT', 'part', (n) => {
      const p = canonicalPart(n);
      return p === undefined ? undefined : PART_READERS[p];
    }, constantString(constants, 0));
    return (_ctx, [p, t]) => reader(p)(ms(t));
  },
});

const DATE_FORMAT = defineFunction({
  name: 'DATE_FORMAT',
  aliases: ['STRFTIME'],
  category: 'time',
  minArgs: 2,
  description: "DATE_FORMAT(ts, format) → STRING: ts written with a strftime format in UTC ('%Y-%m-%d %H:%M:%S')",
  args: ['time', 'string'],
  result: SqlTypes.STRING,
  prepare: (constants) => {
    const format = byName('DATE_FORMAT', 'format', (f) => compileStrftimeOrThrow(f), constantString(constants, 1));
    return (_ctx, [t, f]) => format(f)(ms(t));
  },
});

function compileStrftimeOrThrow(pattern: string): (ms: number) => string {
  try {
    return compileStrftime(pattern);
  } catch (e) {
    throw invalidArgument('DATE_FORMAT', (e as Error).message);
  }
}

const DATEDIFF = defineFunction({
  name: 'DATEDIFF',
  aliases: ['DATE_DIFF', 'TIMESTAMPDIFF'],
  category: 'time',
  minArgs: 3,
  description: 'DATEDIFF(unit, a, b) → BIGINT: b − a in whole years, quarters, months (calendar), weeks, days, hours, minutes, seconds or milliseconds',
  args: ['string', 'time', 'time'],
  result: SqlTypes.BIGINT,
  prepare: (constants) => {
    const unit = byName('DATEDIFF', 'unit', timeUnit, constantString(constants, 0));
    return (_ctx, [u, a, b]) => diffInUnit(unit(u), ms(a), ms(b));
  },
});

const DATE_TRUNC = defineFunction({
  name: 'DATE_TRUNC',
  category: 'time',
  minArgs: 2,
  description: 'DATE_TRUNC(unit, ts) → TIMESTAMP: ts truncated to the start of its year, quarter, month, week (Monday), day, hour, minute, second or millisecond',
  args: ['string', 'time'],
  result: SqlTypes.TIMESTAMP,
  prepare: (constants) => {
    const unit = byName('DATE_TRUNC', 'unit', timeUnit, constantString(constants, 0));
    return (_ctx, [u, t]) => truncateToUnit(unit(u), ms(t));
  },
});

/** DATE_ADD and DATE_SUB: `(ts, interval)` or `(ts, n, unit)` with calendar months and years. */
function shiftFunction(name: string, direction: 1 | -1): ScalarFunction {
  return defineFunction({
    name,
    category: 'time',
    minArgs: 2,
    maxArgs: 3,
    description: `${name}(ts, interval) or ${name}(ts, n, unit) → TIMESTAMP: ts ${direction > 0 ? 'plus' : 'minus'} the interval (months and years follow the calendar)`,
    resolve: (types) => {
      const t = coerceArg(name, 0, types[0] as SqlType, 'time');
      if (types.length === 2) return { result: SqlTypes.TIMESTAMP, argTypes: [t, coerceArg(name, 1, types[1] as SqlType, 'interval')] };
      return {
        result: SqlTypes.TIMESTAMP,
        argTypes: [t, coerceArg(name, 1, types[1] as SqlType, 'integer'), coerceArg(name, 2, types[2] as SqlType, 'string')],
      };
    },
    prepare: (constants, argTypes) => {
      if (argTypes.length === 2) return (_ctx, [t, iv]) => ms(t) + direction * ms(iv);
      const unit = byName(name, 'unit', timeUnit, constantString(constants, 2));
      return (_ctx, [t, n, u]) => shiftBy(unit(u), ms(t), direction * Number(n));
    },
  });
}

function shiftBy(unit: TimeUnit, t: number, n: number): number {
  switch (unit) {
    case 'YEAR':
      return addMonths(t, 12 * n);
    case 'QUARTER':
      return addMonths(t, 3 * n);
    case 'MONTH':
      return addMonths(t, n);
    default:
      return t + n * (fixedUnitMs(unit) as number);
  }
}

/** TO_DATE / TO_TIMESTAMP: ISO and the dialect's date layouts without a format, strftime with one. */
function textToTime(name: string, toDays: boolean): ScalarFunction {
  const fallback = (s: string): number | undefined => {
    const t = parseTimestampText(s);
    if (t !== undefined) return t;
    const d = parseDateText(s);
    return d === undefined ? undefined : d * MS_PER_DAY;
  };
  return defineFunction({
    name,
    category: 'time',
    minArgs: 1,
    maxArgs: 2,
    description: `${name}(s[, format]) → ${toDays ? 'DATE' : 'TIMESTAMP'}: s parsed as ISO-8601 (or a date layout), or with a strftime format; unparseable text is a record error`,
    args: ['string', 'string'],
    result: toDays ? SqlTypes.DATE : SqlTypes.TIMESTAMP,
    prepare: (constants) => {
      const parser = byName(name, 'format', (f) => compileStrftimeParser(f), constantString(constants, 1));
      const impl: ScalarImpl = (_ctx, args) => {
        const s = args[0] as string;
        const t = args.length > 1 ? parser(args[1])(s) : fallback(s);
        if (t === undefined) {
          throw invalidArgument(name, `cannot parse '${s}'${args.length > 1 ? ` with format '${String(args[1])}'` : ''}`);
        }
        return toDays ? epochMsToDays(t) : t;
      };
      return impl;
    },
  });
}

function tumbleBound(name: string, end: boolean): ScalarFunction {
  return defineFunction({
    name,
    category: 'time',
    minArgs: 2,
    description: `${name}(t, interval) → TIMESTAMP: the ${end ? 'end (exclusive)' : 'start'} of the epoch-aligned tumbling window holding t`,
    args: ['time', 'interval'],
    result: SqlTypes.TIMESTAMP,
    impl: (_ctx, [t, iv]) => {
      const size = ms(iv);
      if (!(size > 0)) throw invalidArgument(name, `window size must be positive, got ${size} ms`);
      const start = Math.floor(ms(t) / size) * size;
      return end ? start + size : start;
    },
  });
}

function timeOfDay(t: number): string {
  return formatIsoTimestamp(t).slice(11);
}

const SHORTHANDS: readonly [string, string][] = [
  ['YEAR', 'YEAR'], ['QUARTER', 'QUARTER'], ['MONTH', 'MONTH'], ['WEEK', 'WEEK'], ['DAY', 'DAY'],
  ['DAYOFMONTH', 'DAY'], ['DOY', 'DOY'], ['DAYOFYEAR', 'DOY'], ['DOW', 'DOW'], ['DAYOFWEEK', 'DOW'],
  ['HOUR', 'HOUR'], ['MINUTE', 'MINUTE'], ['SECOND', 'SECOND'], ['MILLISECOND', 'MILLISECOND'],
  ['MICROSECOND', 'MICROSECOND'], ['NANOSECOND', 'NANOSECOND'], ['EPOCH', 'EPOCH'],
];

/** Every time function. */
export const timeFunctions: readonly ScalarFunction[] = [
  defineFunction({
    name: 'NOW',
    aliases: ['CURRENT_TIMESTAMP'],
    category: 'time',
    minArgs: 0,
    deterministic: false,
    description: 'NOW() → BIGINT: processing time in epoch ms (fixed within a batch)',
    result: SqlTypes.BIGINT,
    impl: (ctx) => ctx.now,
  }),
  defineFunction({
    name: 'TIMESTAMP',
    category: 'time',
    minArgs: 0,
    deterministic: false,
    description: "TIMESTAMP() → BIGINT: the current record's _timestamp (epoch ms)",
    result: SqlTypes.BIGINT,
    impl: (ctx) => ctx.recordTimestamp,
  }),
  defineFunction({
    name: 'CURRENT_DATE',
    category: 'time',
    minArgs: 0,
    deterministic: false,
    description: 'CURRENT_DATE() → DATE: the UTC date of processing time',
    result: SqlTypes.DATE,
    impl: (ctx) => epochMsToDays(ctx.now),
  }),
  defineFunction({
    name: 'CURRENT_TIME',
    category: 'time',
    minArgs: 0,
    deterministic: false,
    description: "CURRENT_TIME() → STRING: the UTC time of day of processing time ('HH:MM:SS[.fff]')",
    result: SqlTypes.STRING,
    impl: (ctx) => timeOfDay(ctx.now),
  }),
  EXTRACT,
  ...SHORTHANDS.map(([name, part]) => extractFunction(name, part)),
  DATE_FORMAT,
  DATEDIFF,
  defineFunction({
    name: 'FROM_UNIXTIME',
    category: 'time',
    minArgs: 1,
    description: 'FROM_UNIXTIME(seconds) → TIMESTAMP: the instant that many seconds after the epoch (fractions kept to the ms)',
    args: ['double'],
    result: SqlTypes.TIMESTAMP,
    impl: (_ctx, [s]) => Math.round((s as number) * 1000),
  }),
  defineFunction({
    name: 'UNIX_TIMESTAMP',
    category: 'time',
    minArgs: 0,
    maxArgs: 1,
    deterministic: false,
    description: 'UNIX_TIMESTAMP([ts]) → BIGINT: epoch seconds of ts, or of processing time without an argument',
    args: ['time'],
    result: SqlTypes.BIGINT,
    impl: (ctx, args) => Math.floor((args.length > 0 ? ms(args[0]) : ctx.now) / 1000),
  }),
  tumbleBound('TUMBLE_START', false),
  tumbleBound('TUMBLE_END', true),
  DATE_TRUNC,
  shiftFunction('DATE_ADD', 1),
  shiftFunction('DATE_SUB', -1),
  defineFunction({
    name: 'DATE',
    category: 'time',
    minArgs: 1,
    description: 'DATE(x) → DATE: the UTC date of a TIMESTAMP, BIGINT ms or date/timestamp text',
    resolve: (types) => {
      const t = types[0] as SqlType;
      if (t.kind === 'STRING' || t.kind === 'DATE') return { result: SqlTypes.DATE, argTypes: [SqlTypes.DATE] };
      return { result: SqlTypes.DATE, argTypes: [coerceArg('DATE', 0, t, 'time')] };
    },
    prepare: (_constants, argTypes) =>
      argTypes[0]?.kind === 'DATE' ? (_ctx, [d]) => d ?? null : (_ctx, [t]) => epochMsToDays(ms(t)),
  }),
  defineFunction({
    name: 'TIME',
    category: 'time',
    minArgs: 1,
    description: "TIME(ts) → STRING: the UTC time of day of ts ('HH:MM:SS[.fff]')",
    args: ['time'],
    result: SqlTypes.STRING,
    impl: (_ctx, [t]) => timeOfDay(ms(t)),
  }),
  textToTime('TO_DATE', true),
  textToTime('TO_TIMESTAMP', false),
];

