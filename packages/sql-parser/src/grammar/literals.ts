/** Interpretation of literal token text: strings, identifiers, numbers, durations, INTERVAL units. */
import type { DurationUnit, IntervalUnit, NumericKind } from '../ast.js';

/** `'it''s'` → `it's` (also for double-quoted strings). */
export function unquoteString(image: string): string {
  const quote = image[0] ?? "'";
  return image.slice(1, -1).split(quote + quote).join(quote);
}

/** `` `odd``name` `` → ``odd`name``. */
export function unquoteIdentifier(image: string): string {
  return image.slice(1, -1).split('``').join('`');
}

/** `42` integer, `2.50` decimal, `1e3` double (§0). */
export function numericKindOf(text: string): NumericKind {
  if (/[eE]/.test(text)) return 'double';
  return text.includes('.') ? 'decimal' : 'integer';
}

const DURATION_UNIT_MS: Readonly<Record<DurationUnit, number>> = {
  ns: 1e-6,
  us: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `500ms` → { amount: 500, unit: 'ms', ms: 500 }. */
export function parseDuration(text: string): { amount: number; unit: DurationUnit; ms: number } {
  const match = /^(\d+)([a-z]+)$/.exec(text);
  const amount = Number(match?.[1] ?? '0');
  const unit = (match?.[2] ?? 's') as DurationUnit;
  return { amount, unit, ms: amount * DURATION_UNIT_MS[unit] };
}

const INTERVAL_UNIT_MS: Readonly<Record<IntervalUnit, number>> = {
  MILLISECOND: 1,
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
  WEEK: 604_800_000,
};

/** `MINUTES` → `MINUTE`; undefined for a word that is not an INTERVAL unit. */
export function intervalUnitOf(word: string): IntervalUnit | undefined {
  const upper = word.toUpperCase();
  const singular = upper.endsWith('S') ? upper.slice(0, -1) : upper;
  return singular in INTERVAL_UNIT_MS ? (singular as IntervalUnit) : undefined;
}

/** Milliseconds of `INTERVAL 'value' unit`; undefined when the value is not a plain number. */
export function intervalMs(value: string, unit: IntervalUnit): number | undefined {
  if (!/^\d+(?:\.\d+)?$/.test(value)) return undefined;
  return Number(value) * INTERVAL_UNIT_MS[unit];
}

/** Every INTERVAL unit, for error messages. */
export const INTERVAL_UNITS: readonly IntervalUnit[] = Object.keys(INTERVAL_UNIT_MS) as IntervalUnit[];
