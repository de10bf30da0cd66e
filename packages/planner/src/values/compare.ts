import { isDecimalValue, type SqlValue } from '@velots/core';
import { canonicalNumberText, compareNumeric, formatUnscaled, isNumericValue, type NumericValue } from './exact-number.js';

/**
 * One total order over SQL values, and equality and hash keys consistent with it. Used by the
 * compiled `= < …`, IN, BETWEEN, CASE, DISTINCT and GROUP BY keys. Numbers compare by exact value
 * across number, bigint and DECIMAL; values of unrelated kinds order by kind so the order stays total.
 */

/** Rank of a value's kind; values of different ranks order by rank. */
function rankOf(v: SqlValue): number {
  if (v === null) return 0;
  switch (typeof v) {
    case 'boolean':
      return 1;
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    default:
      if (isDecimalValue(v)) return 2;
      if (v instanceof Uint8Array) return 4;
      if (Array.isArray(v)) return 5;
      if (v instanceof Map) return 6;
      return 7;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareLists(a: readonly SqlValue[], b: readonly SqlValue[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i] as SqlValue, b[i] as SqlValue);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Map entries sorted by key, so that maps with the same entries in another order are equal. */
function sortedEntries(m: ReadonlyMap<SqlValue, SqlValue>): SqlValue[] {
  const entries = [...m.entries()].sort((x, y) => compareValues(x[0], y[0]));
  return entries.flatMap(([k, v]) => [k, v]);
}

function compareStructs(a: { readonly [f: string]: SqlValue }, b: { readonly [f: string]: SqlValue }): number {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  const names = compareLists(ka, kb);
  if (names !== 0) return names;
  for (const k of ka) {
    const c = compareValues(a[k] as SqlValue, b[k] as SqlValue);
    if (c !== 0) return c;
  }
  return 0;
}

/** -1, 0 or 1. A total order: NULL first, numbers by exact value, strings by UTF-16 code unit, false < true, lists lexicographically. */
export function compareValues(a: SqlValue, b: SqlValue): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    return compareNumeric(a, b);
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return a === b ? 0 : a ? 1 : -1;
    case 2:
      return compareNumeric(a as NumericValue, b as NumericValue);
    case 4:
      return compareBytes(a as Uint8Array, b as Uint8Array);
    case 5:
      return compareLists(a as readonly SqlValue[], b as readonly SqlValue[]);
    case 6:
      return compareLists(
        sortedEntries(a as ReadonlyMap<SqlValue, SqlValue>),
        sortedEntries(b as ReadonlyMap<SqlValue, SqlValue>),
      );
    default:
      return compareStructs(a as { readonly [f: string]: SqlValue }, b as { readonly [f: string]: SqlValue });
  }
}

/** True when two values are equal in the order of `compareValues` (1.1 = 1.10, BIGINT 1 = DECIMAL 1.0, NULL = NULL). */
/**
 * `compareValues` for operands of numeric SQL types (INTEGER, BIGINT, DOUBLE, DECIMAL): numbers, bigints and
 * decimals go straight to the exact numeric comparison without ranking the value kinds; anything else falls
 * back to `compareValues`, so the result is always its result.
 */
export function compareNumericValues(a: SqlValue, b: SqlValue): number {
  return isNumericValue(a) && isNumericValue(b) ? compareNumeric(a, b) : compareValues(a, b);
}

export function valuesEqual(a: SqlValue, b: SqlValue): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  return compareValues(a, b) === 0;
}

/** A primitive usable as a Map key: equal values (per `valuesEqual`) give the same key, different values different keys. */
export type HashKey = string | number | boolean | null;

/** A part's key inside a composite key; strings are quoted so separators inside them stay unambiguous. */
function keyText(v: SqlValue): string {
  if (typeof v === 'string') return JSON.stringify(v);
  const k = hashKey(v);
  return typeof k === 'string' ? k : `${typeof k === 'number' ? 'n' : ''}${String(k)}`;
}

/**
 * The hash key of a value: safe integers (whatever their representation) are themselves, other numbers
 * `n<canonical text>`, strings `s<text>`, and composites a bracketed list of their parts' keys.
 */
export function hashKey(v: SqlValue): HashKey {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return v === 0 ? 0 : v; // folds -0 into 0
    return `n${canonicalNumberText(v)}`;
  }
  if (typeof v === 'bigint') {
    return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : `n${v.toString()}`;
  }
  if (isDecimalValue(v)) {
    if (typeof v.unscaled === 'number') {
      // Strip trailing zeros with number arithmetic: GROUP BY on small decimals stays bigint-free.
      let u = v.unscaled;
      let scale = v.scale;
      while (scale > 0 && u % 10 === 0) {
        u /= 10;
        scale--;
      }
      return scale === 0 ? u + 0 : `n${formatUnscaled(u, scale)}`;
    }
    const text = canonicalNumberText(v);
    const asNumber = Number(text);
    return Number.isSafeInteger(asNumber) && String(asNumber) === text ? asNumber : `n${text}`;
  }
  if (v instanceof Uint8Array) return `b${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  if (Array.isArray(v)) return `a[${(v as readonly SqlValue[]).map(keyText).join(',')}]`;
  if (v instanceof Map) {
    const entries = sortedEntries(v as ReadonlyMap<SqlValue, SqlValue>);
    return `m[${entries.map(keyText).join(',')}]`;
  }
  const struct = v as { readonly [f: string]: SqlValue };
  return `r{${Object.keys(struct)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${keyText(struct[k] as SqlValue)}`)
    .join(',')}}`;
}
