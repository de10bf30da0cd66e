import {
  ErrorCodes,
  MS_PER_DAY,
  VeloError,
  decimalType,
  epochMsToDays,
  formatSqlType,
  isVeloError,
  parseBooleanText,
  parseDateText,
  parseTimestampText,
  sqlTypeEquals,
  type DecimalType,
  type DecimalValue,
  type SqlType,
  type SqlValue,
} from '@velots/core';
import { decimalToDouble, doubleToUnscaled, parseDecimalText, rescaleUnscaled, toDecimalType, unscaledOf } from './decimal-math.js';
import { checkedBigint, doubleToBigint, normalizeBigint } from './integer.js';
import { jsonTextConverter } from './json-cast.js';
import { untypedText, valueToText } from './value-text.js';

/** `SCALED_INTEGER`, Velostream's fixed-point type, as a cast target: a 64-bit value with 4 decimals. */
export const SCALED_INTEGER_TYPE: DecimalType = decimalType(19, 4);

/** Converts one non-null value; throws CAST_FAILED. */
type Converter = (v: SqlValue) => SqlValue;

const identity: Converter = (v) => v;
const utf8 = new TextEncoder();

/** The CAST_FAILED error for a value, naming it and both types. */
export function castError(v: SqlValue, from: SqlType, to: SqlType, cause?: unknown): VeloError {
  const text = untypedText(v);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const why = isVeloError(cause) ? `: ${cause.message}` : '';
  return new VeloError(
    ErrorCodes.CAST_FAILED,
    `cannot cast '${shown}' from ${formatSqlType(from)} to ${formatSqlType(to)}${why}`,
    { cause, details: { from: formatSqlType(from), to: formatSqlType(to) } },
  );
}

/** Wraps a converter so numeric overflow and parse errors surface as CAST_FAILED naming the value. */
function guarded(from: SqlType, to: SqlType, convert: (v: SqlValue) => SqlValue | undefined): Converter {
  return (v) => {
    let result: SqlValue | undefined;
    try {
      result = convert(v);
    } catch (e) {
      throw castError(v, from, to, e);
    }
    if (result === undefined) throw castError(v, from, to);
    return result;
  };
}

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const DOUBLE_TEXT = /^\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|Infinity|inf|NaN)\s*$/i;

function textToDouble(s: string): number | undefined {
  if (!DOUBLE_TEXT.test(s)) return undefined;
  const t = s.trim().toLowerCase();
  if (t.endsWith('inf') || t.endsWith('infinity')) return t.startsWith('-') ? -Infinity : Infinity;
  if (t.endsWith('nan')) return NaN;
  return Number(t);
}

function textToBigint(s: string): number | bigint | undefined {
  if (INTEGER_TEXT.test(s)) return checkedBigint(BigInt(s.trim()), 'CAST');
  const parsed = parseDecimalText(s);
  return parsed && checkedBigint(rescaleUnscaled(parsed.unscaled, parsed.scale, 0), 'CAST');
}

function textToTimestamp(s: string): number | undefined {
  const ms = parseTimestampText(s);
  if (ms !== undefined) return ms;
  if (INTEGER_TEXT.test(s)) {
    const n = Number(s.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

function toBigintConverter(from: SqlType, to: SqlType): Converter | undefined {
  switch (from.kind) {
    case 'INTEGER':
    case 'BIGINT':
    case 'TIMESTAMP':
    case 'INTERVAL':
      return identity;
    case 'BOOLEAN':
      return (v) => (v ? 1 : 0);
    case 'DOUBLE':
      return guarded(from, to, (v) => doubleToBigint(v as number));
    case 'DECIMAL':
      return guarded(from, to, (v) => checkedBigint(rescaleUnscaled(unscaledOf(v as DecimalValue), (v as DecimalValue).scale, 0), 'CAST'));
    case 'STRING':
      return guarded(from, to, (v) => textToBigint(v as string));
    default:
      return undefined;
  }
}

function toDoubleConverter(from: SqlType, to: SqlType): Converter | undefined {
  switch (from.kind) {
    case 'INTEGER':
    case 'BIGINT':
    case 'TIMESTAMP':
    case 'INTERVAL':
      return (v) => Number(v as number | bigint);
    case 'DOUBLE':
      return identity;
    case 'BOOLEAN':
      return (v) => (v ? 1 : 0);
    case 'DECIMAL':
      return (v) => decimalToDouble(v as DecimalValue);
    case 'STRING':
      return guarded(from, to, (v) => textToDouble(v as string));
    default:
      return undefined;
  }
}

function toDecimalConverter(from: SqlType, to: DecimalType): Converter | undefined {
  const { precision, scale } = to;
  switch (from.kind) {
    case 'INTEGER':
    case 'BIGINT':
      return guarded(from, to, (v) => toDecimalType(BigInt(v as number | bigint), 0, precision, scale));
    case 'BOOLEAN':
      return guarded(from, to, (v) => toDecimalType(v ? 1n : 0n, 0, precision, scale));
    case 'DOUBLE':
      return guarded(from, to, (v) =>
        Number.isFinite(v) ? toDecimalType(doubleToUnscaled(v as number, scale), scale, precision, scale) : undefined,
      );
    case 'DECIMAL':
      if (from.scale === scale && from.precision <= precision) return identity;
      return guarded(from, to, (v) => toDecimalType(unscaledOf(v as DecimalValue), (v as DecimalValue).scale, precision, scale));
    case 'STRING':
      return guarded(from, to, (v) => {
        const parsed = parseDecimalText(v as string);
        return parsed && toDecimalType(parsed.unscaled, parsed.scale, precision, scale);
      });
    default:
      return undefined;
  }
}

function toTimestampConverter(from: SqlType, to: SqlType): Converter | undefined {
  switch (from.kind) {
    case 'TIMESTAMP':
    case 'INTEGER':
      return identity;
    case 'BIGINT':
      return guarded(from, to, (v) => (typeof v === 'number' ? v : undefined));
    case 'DOUBLE':
      return guarded(from, to, (v) => {
        const ms = doubleToBigint(v as number);
        return typeof ms === 'number' ? ms : undefined;
      });
    case 'DECIMAL':
      return guarded(from, to, (v) => {
        const ms = normalizeBigint(rescaleUnscaled(unscaledOf(v as DecimalValue), (v as DecimalValue).scale, 0));
        return typeof ms === 'number' ? ms : undefined;
      });
    case 'DATE':
      return (v) => (v as number) * MS_PER_DAY;
    case 'STRING':
      return guarded(from, to, (v) => textToTimestamp(v as string));
    default:
      return undefined;
  }
}

function toDateConverter(from: SqlType, to: SqlType): Converter | undefined {
  switch (from.kind) {
    case 'DATE':
      return identity;
    case 'TIMESTAMP':
      return (v) => epochMsToDays(v as number);
    case 'STRING':
      return guarded(from, to, (v) => {
        const days = parseDateText(v as string);
        if (days !== undefined) return days;
        const ms = parseTimestampText(v as string);
        return ms === undefined ? undefined : epochMsToDays(ms);
      });
    default:
      return undefined;
  }
}

function toCompositeConverter(from: SqlType, to: SqlType): Converter | undefined {
  if (from.kind === 'STRING') {
    const fromJson = jsonTextConverter(to, converterFor);
    return fromJson && guarded(from, to, (v) => fromJson(v as string));
  }
  if (from.kind === 'ARRAY' && to.kind === 'ARRAY') {
    const element = converterFor(from.element, to.element);
    if (!element) return undefined;
    if (element === identity) return identity;
    return (v) => (v as readonly SqlValue[]).map((e) => (e === null ? null : element(e)));
  }
  if (from.kind === 'MAP' && to.kind === 'MAP') {
    const key = converterFor(from.key, to.key);
    const value = converterFor(from.value, to.value);
    if (!key || !value) return undefined;
    return (v) => {
      const out = new Map<SqlValue, SqlValue>();
      for (const [k, e] of v as ReadonlyMap<SqlValue, SqlValue>) out.set(k === null ? null : key(k), e === null ? null : value(e));
      return out;
    };
  }
  if (from.kind === 'STRUCT' && to.kind === 'STRUCT') {
    const parts: [string, Converter][] = [];
    for (const f of to.fields) {
      const source = from.fields.find((g) => g.name === f.name);
      const convert = source ? converterFor(source.type, f.type) : identity;
      if (!convert) return undefined;
      parts.push([f.name, convert]);
    }
    return (v) => {
      const struct = v as { readonly [f: string]: SqlValue };
      const out: Record<string, SqlValue> = {};
      for (const [name, convert] of parts) {
        const e = struct[name];
        out[name] = e === undefined || e === null ? null : convert(e);
      }
      return out;
    };
  }
  return undefined;
}

/** The converter from `from` to `to`, or undefined when CAST between them is not allowed. */
function converterFor(from: SqlType, to: SqlType): Converter | undefined {
  if (from.kind === 'NULL') return () => null;
  if (to.kind !== 'DECIMAL' && sqlTypeEquals(from, to)) return identity;
  switch (to.kind) {
    case 'STRING':
      return from.kind === 'STRING' ? identity : (v) => valueToText(v, from);
    case 'BOOLEAN':
      if (from.kind === 'STRING') return guarded(from, to, (v) => parseBooleanText(v as string));
      if (from.kind === 'INTEGER' || from.kind === 'BIGINT' || from.kind === 'DOUBLE') return (v) => v !== 0 && v !== 0n;
      if (from.kind === 'DECIMAL') return (v) => unscaledOf(v as DecimalValue) !== 0n;
      return undefined;
    case 'INTEGER':
    case 'BIGINT':
      return toBigintConverter(from, to);
    case 'DOUBLE':
      return toDoubleConverter(from, to);
    case 'DECIMAL':
      return toDecimalConverter(from, to);
    case 'TIMESTAMP':
      return toTimestampConverter(from, to);
    case 'DATE':
      return toDateConverter(from, to);
    case 'INTERVAL':
      return from.kind === 'BIGINT' || from.kind === 'INTEGER' ? identity : undefined;
    case 'BYTES':
      return from.kind === 'STRING' ? (v) => utf8.encode(v as string) : undefined;
    default:
      return toCompositeConverter(from, to);
  }
}

/** True when CAST(x AS to) is allowed for an x of type `from`. */
export function canCast(from: SqlType, to: SqlType): boolean {
  return converterFor(from, to) !== undefined;
}

/**
 * Compiles CAST from `from` to `to` once (no per-call type switch). NULL gives NULL; a value that does not
 * convert throws CAST_FAILED naming it. Throws TYPE_MISMATCH at compile time when the cast is not allowed.
 */
export function compileCast(from: SqlType, to: SqlType): (v: SqlValue) => SqlValue {
  const convert = converterFor(from, to);
  if (!convert) {
    throw new VeloError(ErrorCodes.TYPE_MISMATCH, `cannot cast ${formatSqlType(from)} to ${formatSqlType(to)}`);
  }
  if (convert === identity) return identity;
  return (v) => (v === null ? null : convert(v));
}

/** CAST of one value (compiles the cast each call: use `compileCast` on hot paths). */
export function castValue(value: SqlValue, from: SqlType, to: SqlType): SqlValue {
  return compileCast(from, to)(value);
}
