import { MS_PER_DAY, SqlTypes, compileStrftime, compileStrftimeParser, epochMsToDays, parseDateText, parseTimestampText } from '@velots/core';
import { constantString, defineFunction, invalidArgument } from './define.js';
import type { ScalarFunction, ScalarImpl } from './function-def.js';
import { byName, ms } from './time-args.js';

/** Time functions between text and instants: DATE_FORMAT writes with a strftime format, TO_DATE / TO_TIMESTAMP read. */

export const DATE_FORMAT = defineFunction({
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

/** TO_DATE / TO_TIMESTAMP: ISO and the dialect's date layouts without a format, strftime with one. */
export function textToTime(name: string, toDays: boolean): ScalarFunction {
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
