import { SqlTypes, epochMsToDays, formatIsoTimestamp, type SqlType } from '@velots/core';
import { coerceArg } from './signature.js';
import { constantString, defineFunction, invalidArgument } from './define.js';
import type { ScalarFunction } from './function-def.js';
import { byName, ms } from './time-args.js';
import { EXTRACT, SHORTHANDS, extractFunction } from './time-extract.js';
import { addMonths, fixedUnitMs, diffInUnit, timeUnit, truncateToUnit, type TimeUnit } from './time-parts.js';
import { DATE_FORMAT, textToTime } from './time-text.js';

/**
 * Time functions. A `ts` argument may be a TIMESTAMP, a DATE, BIGINT epoch ms or ISO text: it is cast
 * to TIMESTAMP (epoch ms) before the call. Units, parts and formats are compiled once when constant.
 * EXTRACT and its shorthands are in time-extract.ts, formatting and parsing text in time-text.ts.
 */

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
