import protobuf from 'protobufjs';
import { isDecimalValue, type DecimalValue } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { fieldIsNullable, fieldKind, NANOS_SCALE, type DecimalFields, type FieldKind } from './field-kinds.js';

/** Converts a decoded protobufjs value into its SQL value, or a SQL value into what protobufjs encodes. */
export type ValueConverter = (value: unknown) => unknown;

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);
const NANOS_PER_UNIT = 1_000_000_000n;

/** A protobufjs 64-bit value (Long, or a number) as a number while safe, a bigint beyond. */
export function longToSql(value: unknown): number | bigint {
  if (typeof value === 'number') return value;
  const long = value as protobuf.Long;
  if (long.high >= -0x1fffff && long.high <= 0x1fffff && !(long.unsigned && long.high < 0)) return long.high * 4294967296 + (long.low >>> 0);
  const bits = (BigInt(long.high >>> 0) << 32n) | BigInt(long.low >>> 0);
  const big = long.unsigned ? bits : BigInt.asIntN(64, bits);
  return big <= MAX_SAFE_BIG && big >= -MAX_SAFE_BIG ? Number(big) : big;
}

/** A SQL integer as protobufjs writes it: numbers as they are, bigints as a Long. */
function longFromSql(unsigned: boolean): ValueConverter {
  const Long = protobuf.util.Long as unknown as { fromString(text: string, unsigned: boolean): protobuf.Long };
  return (value) => {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'bigint') return Long.fromString(value.toString(), unsigned);
    throw new TypeError(`${typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${String(value)}`} is not an integer`);
  };
}

const SIGNED_LONG = longFromSql(false);

function timestampToMillis(value: unknown): number {
  const ts = value as { seconds: unknown; nanos: number };
  return Number(longToSql(ts.seconds)) * 1000 + Math.floor(ts.nanos / 1_000_000);
}

function millisToTimestamp(value: unknown): unknown {
  const ms = value as number;
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

function decimalOf(value: unknown): Decimal {
  if (value instanceof Decimal) return value;
  if (isDecimalValue(value)) return Decimal.from(value as DecimalValue);
  if ((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint') return Decimal.fromInteger(value);
  throw new TypeError(`${typeof value === 'string' ? JSON.stringify(value) : String(value)} is not a decimal`);
}

/**
 * Decimal text at `scale`: plain `-?digits[.digits]` with at most `scale` fraction digits and 15 digits in all is
 * read in number arithmetic (the common case of prices on the wire); anything else goes through Decimal.parse.
 */
function parseDecimalText(text: string, scale: number): Decimal | null {
  if (text === '') return null;
  const length = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let unscaled = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      unscaled = unscaled * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) fraction = 0;
    else return Decimal.parse(text).rescale(scale);
  }
  if (digits === 0 || digits > 15 || fraction > scale || fraction === 0) return Decimal.parse(text).rescale(scale);
  const shift = scale - Math.max(fraction, 0);
  if (shift + digits > 15) return Decimal.parse(text).rescale(scale);
  for (let k = 0; k < shift; k++) unscaled *= 10;
  return Decimal.fromUnscaled(negative ? -unscaled : unscaled, scale);
}

function decodeKind(kind: FieldKind, path: string, decimals: DecimalFields): ValueConverter | undefined {
  switch (kind.kind) {
    case 'int':
    case 'float':
    case 'bool':
    case 'string':
      return undefined;
    case 'long':
      return longToSql;
    case 'bytes':
      // protobufjs may return a view into the payload; a copy keeps the row valid when the payload is reused.
      return (v) => new Uint8Array(v as Uint8Array);
    case 'enum': {
      const names = kind.type.valuesById;
      return (v) => names[v as number] ?? String(v);
    }
    case 'timestamp':
      return timestampToMillis;
    case 'string-decimal': {
      const scale = kind.sql.scale;
      if (kind.wrapped) return (v) => parseDecimalText((v as { value: string }).value, scale);
      return (v) => parseDecimalText(v as string, scale);
    }
    case 'units-nanos-decimal': {
      const scale = kind.sql.scale;
      return (v) => {
        const m = v as { units: unknown; nanos: number };
        const unscaled = BigInt(longToSql(m.units)) * NANOS_PER_UNIT + BigInt(m.nanos);
        return Decimal.fromUnscaled(unscaled, NANOS_SCALE).rescale(scale);
      };
    }
    case 'wrapper': {
      const inner = decodeKind(kind.inner, path, decimals);
      return inner ? (v) => inner((v as { value: unknown }).value) : (v) => (v as { value: unknown }).value;
    }
    case 'message':
      return messageDecoder(kind.type, decimals, `${path}.`);
  }
}

function mapKeyDecoder(keyType: string): (key: string) => unknown {
  if (keyType === 'string') return (k) => k;
  if (keyType === 'bool') return (k) => k === 'true';
  if (keyType.endsWith('64')) return (k) => longToSql(protobuf.util.LongBits.fromHash(k).toLong(keyType.startsWith('u') || keyType === 'fixed64'));
  return (k) => Number(k);
}

/** The decoder of one field: its value read (absent oneof members as NULL) and converted. */
export function fieldDecoder(f: protobuf.Field, path: string, decimals: DecimalFields): ValueConverter | undefined {
  const element = decodeKind(fieldKind(f, path, decimals), path, decimals);
  if (f instanceof protobuf.MapField) {
    const key = mapKeyDecoder(f.keyType);
    return (v) => {
      const entries = v as Record<string, unknown>;
      const map = new Map<unknown, unknown>();
      for (const k of Object.keys(entries)) map.set(key(k), element ? element(entries[k]) : entries[k]);
      return map;
    };
  }
  if (f.repeated) return element ? (v) => (v as unknown[]).map(element) : undefined;
  if (fieldIsNullable(f)) return element ? (v) => (v === null || v === undefined ? null : element(v)) : (v) => v ?? null;
  return element;
}

/** A nested message as a plain object of converted fields. */
function messageDecoder(type: protobuf.Type, decimals: DecimalFields, prefix: string): ValueConverter {
  const fields = type.fieldsArray.map((f) => [f.name, fieldDecoder(f, prefix + f.name, decimals), f.partOf !== null] as const);
  return (v) => {
    const message = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, convert, inOneof] of fields) {
      const raw = inOneof && !Object.prototype.hasOwnProperty.call(message, name) ? null : message[name];
      out[name] = convert ? convert(raw) : raw;
    }
    return out;
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (value !== null && typeof value === 'object') return isDecimalValue(value) ? `decimal ${value.toString()}` : (value.constructor?.name ?? 'an object');
  return `${typeof value} ${String(value)}`;
}

function notA(what: string, value: unknown): never {
  throw new TypeError(`${describe(value)} is not ${what}`);
}

// Each encoder checks its value's JavaScript type (protobufjs would write a wrong one silently), which costs a
// fraction of protobufjs's own `verify`.
function encodeKind(kind: FieldKind, path: string, decimals: DecimalFields): ValueConverter | undefined {
  switch (kind.kind) {
    case 'float':
      return (v) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : isDecimalValue(v) ? Number(v.toString()) : notA('a number', v));
    case 'int':
      return (v) => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'bigint' ? Number(v) : notA('an integer', v));
    case 'bool':
      return (v) => (typeof v === 'boolean' ? v : notA('a boolean', v));
    case 'string':
      return (v) => (typeof v === 'string' ? v : notA('a string', v));
    case 'bytes':
      return (v) => (v instanceof Uint8Array ? v : notA('bytes', v));
    case 'long':
      return kind.unsigned ? longFromSql(true) : SIGNED_LONG;
    case 'enum': {
      const values = kind.type.values;
      return (v) => {
        if (typeof v === 'number') return v;
        const n = values[v as string];
        if (n === undefined) throw new TypeError(`${JSON.stringify(v)} is not a value of the enum ${kind.type.name}`);
        return n;
      };
    }
    case 'timestamp':
      return (v) => (typeof v === 'number' && Number.isInteger(v) ? millisToTimestamp(v) : notA('a timestamp (epoch milliseconds)', v));
    case 'string-decimal': {
      const scale = kind.sql.scale;
      return kind.wrapped ? (v) => ({ value: decimalOf(v).rescale(scale).toString() }) : (v) => decimalOf(v).rescale(scale).toString();
    }
    case 'units-nanos-decimal':
      return (v) => {
        const unscaled = BigInt(decimalOf(v).rescale(NANOS_SCALE).unscaled);
        return { units: SIGNED_LONG(unscaled / NANOS_PER_UNIT), nanos: Number(unscaled % NANOS_PER_UNIT) };
      };
    case 'wrapper': {
      const inner = encodeKind(kind.inner, path, decimals);
      return (v) => ({ value: inner ? inner(v) : v });
    }
    case 'message':
      return messageEncoder(kind.type, decimals, `${path}.`);
  }
}

/** The encoder of one field: NULL stays absent, Maps become objects, arrays convert element-wise. */
export function fieldEncoder(f: protobuf.Field, path: string, decimals: DecimalFields): ValueConverter | undefined {
  const element = encodeKind(fieldKind(f, path, decimals), path, decimals);
  if (f instanceof protobuf.MapField) {
    return (v) => {
      if (v === null || v === undefined) return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, x] of v as Map<unknown, unknown>) out[String(k)] = element ? element(x) : x;
      return out;
    };
  }
  if (f.repeated) return (v) => (v === null || v === undefined ? undefined : element ? (v as unknown[]).map(element) : v);
  return element ? (v) => (v === null || v === undefined ? undefined : element(v)) : (v) => v ?? undefined;
}

function messageEncoder(type: protobuf.Type, decimals: DecimalFields, prefix: string): ValueConverter {
  const fields = type.fieldsArray.map((f) => [f.name, fieldEncoder(f, prefix + f.name, decimals) as ValueConverter] as const);
  return (v) => {
    const struct = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, convert] of fields) out[name] = convert(struct[name] ?? null);
    return out;
  };
}
