import avro from 'avsc';
import { isDecimalValue, type SqlValue } from '@velots/core';
import { nullableBranch } from './sql-types.js';

/** Converts one decoded avsc value into its SQL value, or one SQL value into what avsc writes. */
export type ValueConverter = (value: unknown) => unknown;

/**
 * The converter from avsc's decoded value of `type` to the SQL value, or undefined when avsc's value already is
 * the SQL value (primitives; logical types convert inside avsc). Records become plain objects, maps JS Maps.
 */
export function decodeConverter(type: avro.Type): ValueConverter | undefined {
  if (type instanceof avro.types.LogicalType) return undefined;
  if (type instanceof avro.types.RecordType) {
    const fields = type.fields.map((f) => [f.name, decodeConverter(f.type)] as const);
    return (v) => {
      const record = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, convert] of fields) out[name] = convert ? convert(record[name]) : record[name];
      return out;
    };
  }
  if (type instanceof avro.types.ArrayType) {
    const item = decodeConverter(type.itemsType);
    return item ? (v) => (v as unknown[]).map(item) : undefined;
  }
  if (type instanceof avro.types.MapType) {
    const value = decodeConverter(type.valuesType as avro.Type);
    return (v) => {
      const entries = v as Record<string, unknown>;
      const map = new Map<string, unknown>();
      for (const key of Object.keys(entries)) map.set(key, value ? value(entries[key]) : entries[key]);
      return map;
    };
  }
  const branch = nullableBranch(type);
  if (branch) {
    const inner = decodeConverter(branch);
    return inner ? (v) => (v === null ? null : inner(v)) : undefined;
  }
  if (type.typeName === 'bytes' || type.typeName === 'fixed') {
    // avsc returns views into the payload; a copy keeps the row valid when the payload buffer is reused.
    return (v) => new Uint8Array(v as Buffer);
  }
  return undefined;
}

function toNumber(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (isDecimalValue(value)) return Number(value.toString());
  return value;
}

function toBuffer(value: unknown): unknown {
  return value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;
}

/**
 * The converter from a SQL value to the value avsc writes for `type`, or undefined when they are the same:
 * structs stay objects (missing fields as null), Maps become objects, DOUBLE columns take any number.
 */
export function encodeConverter(type: avro.Type): ValueConverter | undefined {
  if (type instanceof avro.types.LogicalType) return undefined;
  if (type instanceof avro.types.RecordType) {
    const fields = type.fields.map((f) => [f.name, encodeConverter(f.type)] as const);
    return (v) => {
      if (v === null || typeof v !== 'object') return v;
      const struct = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, convert] of fields) {
        const x = struct[name] ?? null;
        out[name] = convert ? convert(x) : x;
      }
      return out;
    };
  }
  if (type instanceof avro.types.ArrayType) {
    const item = encodeConverter(type.itemsType);
    return item ? (v) => (Array.isArray(v) ? v.map(item) : v) : undefined;
  }
  if (type instanceof avro.types.MapType) {
    const value = encodeConverter(type.valuesType as avro.Type);
    return (v) => {
      if (!(v instanceof Map)) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of v as Map<SqlValue, unknown>) out[String(k)] = value ? value(x) : x;
      return out;
    };
  }
  const branch = nullableBranch(type);
  if (branch) {
    const inner = encodeConverter(branch);
    return inner ? (v) => (v === null ? null : inner(v)) : undefined;
  }
  switch (type.typeName) {
    case 'double':
    case 'float':
      return toNumber;
    case 'int':
      return (v) => (typeof v === 'bigint' ? Number(v) : v);
    case 'bytes':
    case 'fixed':
      return toBuffer;
    default:
      return undefined;
  }
}
