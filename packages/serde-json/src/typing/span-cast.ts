import type { DecimalValue, SqlType, SqlValue } from '@velots/core';
import { decimalFromUnscaled } from './decimal-values.js';
import { parseDateBytes, parseTimestampBytes } from './fast-temporal-bytes.js';
import { StringInterner } from './string-interner.js';
import { NOT_A_VALUE, OVERFLOWS, type TextConverter } from './text-cast.js';

/**
 * A field given as the UTF-8 bytes `bytes[start, end)` (non-empty, trimmed, unquoted) → a value of one column
 * type, or a failure marker. Numbers and ISO dates are parsed from the bytes in place (no field string), STRING
 * fields are interned; only text the fast path does not cover (exponents, more than 15 digits, rounding,
 * non-ISO temporal shapes, booleans, non-ASCII digits) is decoded and handed to the column's text converter,
 * so results are exactly the text converter's on the decoded field.
 */
export type SpanConverter = (bytes: Buffer, start: number, end: number) => SqlValue | typeof NOT_A_VALUE | typeof OVERFLOWS;

/** Digits a double holds exactly (below 2^53): the fast paths stay under it. */
const FAST_DIGITS = 15;
const I32_MIN = -2147483648;
const I32_MAX = 2147483647;
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** The span converter of a column whose text converter is `slow` (built by text-cast for the same type). */
export function spanConverter(type: SqlType, slow: TextConverter, inferred: boolean): SpanConverter {
  const fallback: SpanConverter = (bytes, start, end) => slow(bytes.toString('utf8', start, end));
  switch (type.kind) {
    case 'STRING': {
      const interner = new StringInterner();
      return (bytes, start, end) => interner.intern(bytes, start, end);
    }
    case 'BIGINT':
    case 'INTERVAL':
      return (bytes, start, end) => {
        const value = parseSmallInteger(bytes, start, end);
        return value === undefined ? fallback(bytes, start, end) : value;
      };
    case 'INTEGER':
      return (bytes, start, end) => {
        const value = parseSmallInteger(bytes, start, end);
        if (value === undefined) return fallback(bytes, start, end);
        return value >= I32_MIN && value <= I32_MAX ? value : OVERFLOWS;
      };
    case 'DECIMAL': {
      const { precision, scale } = type;
      const small = new SmallDecimalCache(scale);
      return (bytes, start, end) => {
        const parsed = scanSmallDecimal(bytes, start, end);
        if (parsed === undefined) return fallback(bytes, start, end);
        let unscaled = parsed.unscaled;
        let digits = parsed.digits;
        let valueScale = parsed.scale;
        if (!inferred && valueScale !== scale) {
          // Widening keeps the value exact; narrowing rounds, which the text converter does.
          if (valueScale > scale || digits + scale - valueScale > FAST_DIGITS) return fallback(bytes, start, end);
          unscaled *= POWERS_OF_TEN[scale - valueScale] as number;
          if (unscaled !== 0) digits += scale - valueScale;
          valueScale = scale;
        }
        if (digits > precision) return OVERFLOWS;
        if (valueScale === scale) return small.get(unscaled);
        return decimalFromUnscaled(unscaled === 0 ? 0 : unscaled, valueScale);
      };
    }
    case 'DATE':
      return (bytes, start, end) => parseDateBytes(bytes, start, end) ?? fallback(bytes, start, end);
    case 'TIMESTAMP':
      // A declared TIMESTAMP also takes epoch milliseconds, and an inferred one only a 'T' separator: the
      // other shapes go to the text converter.
      return (bytes, start, end) =>
        (inferred && bytes[start + 10] !== 84 ? undefined : parseTimestampBytes(bytes, start, end)) ?? fallback(bytes, start, end);
    default:
      return fallback;
  }
}

/** Values with |unscaled| below this share one decimal object per value (temperatures, prices, quantities). */
const SMALL_UNSCALED = 4096;

/**
 * One immutable decimal object per small unscaled value at a column's scale, made on first use: a column of
 * values in a small range (1BRC's temperatures: 1,999 values) allocates nothing per record.
 */
class SmallDecimalCache {
  private readonly values: (DecimalValue | undefined)[] = new Array<DecimalValue | undefined>(2 * SMALL_UNSCALED);

  constructor(private readonly scale: number) {}

  get(unscaled: number): DecimalValue {
    if (unscaled <= -SMALL_UNSCALED || unscaled >= SMALL_UNSCALED) return decimalFromUnscaled(unscaled, this.scale);
    const index = unscaled + SMALL_UNSCALED;
    return (this.values[index] ??= decimalFromUnscaled(unscaled === 0 ? 0 : unscaled, this.scale));
  }
}

/** `-?\d{1,15}` as a number; undefined for anything else (longer, a sign other than '-', not digits). */
function parseSmallInteger(bytes: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  const negative = bytes[i] === 45;
  if (negative) i++;
  if (i === end || end - i > FAST_DIGITS) return undefined;
  let value = 0;
  for (; i < end; i++) {
    const d = (bytes[i] as number) - 48;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return negative ? -value : value; // '-0' is -0, as Number('-0')
}

/** What `scanSmallDecimal` found: the unscaled value, its scale, and its significant digits (at least 1). */
interface SmallDecimal {
  unscaled: number;
  scale: number;
  digits: number;
}

const scanned: SmallDecimal = { unscaled: 0, scale: 0, digits: 1 };

/**
 * `-?\d+(\.\d+)?` with at most 15 digits → unscaled integer and scale (the result object is reused: read it
 * at once). Undefined for other shapes (exponents, `5.`, `.5`, `+1`, too many digits): those take the slow path.
 */
function scanSmallDecimal(bytes: Uint8Array, start: number, end: number): SmallDecimal | undefined {
  let i = start;
  const negative = bytes[i] === 45;
  if (negative) i++;
  if (end - i > FAST_DIGITS + 1) return undefined;
  let value = 0;
  let scale = 0;
  let dot = -1;
  let leading = true;
  let zeros = 0;
  for (; i < end; i++) {
    const c = bytes[i] as number;
    if (c === 46) {
      if (dot !== -1) return undefined;
      dot = i;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return undefined;
    if (leading && d === 0) zeros++;
    else leading = false;
    value = value * 10 + d;
    if (dot !== -1) scale++;
  }
  const total = end - start - (negative ? 1 : 0) - (dot === -1 ? 0 : 1);
  if (total === 0 || total > FAST_DIGITS) return undefined;
  if (dot !== -1 && (dot === end - 1 || dot === start + (negative ? 1 : 0))) return undefined;
  scanned.unscaled = negative ? -value : value;
  scanned.scale = scale;
  // Significant digits of the unscaled value (leading zeros do not count; zero itself is one digit).
  scanned.digits = Math.max(1, total - zeros);
  return scanned;
}
