import { SqlTypes } from '@velots/core';
import { constantString, defineFunction } from './define.js';
import type { ScalarFunction } from './function-def.js';
import { byName, ms } from './time-args.js';
import { PART_READERS, canonicalPart, type PartReader } from './time-parts.js';

/** EXTRACT and its one-part shorthands (YEAR(ts), DAYOFWEEK(ts)…). */

/** A one-part shorthand: `name(ts)` is EXTRACT(part FROM ts). */
export function extractFunction(name: string, part: string): ScalarFunction {
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

export const EXTRACT = defineFunction({
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

/** The shorthand functions and the EXTRACT part each reads. */
export const SHORTHANDS: readonly [string, string][] = [
  ['YEAR', 'YEAR'], ['QUARTER', 'QUARTER'], ['MONTH', 'MONTH'], ['WEEK', 'WEEK'], ['DAY', 'DAY'],
  ['DAYOFMONTH', 'DAY'], ['DOY', 'DOY'], ['DAYOFYEAR', 'DOY'], ['DOW', 'DOW'], ['DAYOFWEEK', 'DOW'],
  ['HOUR', 'HOUR'], ['MINUTE', 'MINUTE'], ['SECOND', 'SECOND'], ['MILLISECOND', 'MILLISECOND'],
  ['MICROSECOND', 'MICROSECOND'], ['NANOSECOND', 'NANOSECOND'], ['EPOCH', 'EPOCH'],
];
