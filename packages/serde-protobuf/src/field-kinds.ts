import protobuf from 'protobufjs';
import { SqlTypes, arrayType, decimalType, field, mapType, structType, type DecimalType, type SqlType } from '@velots/core';
import { protobufSchemaError } from './errors.js';

/** DECIMAL(p,s) for `string` fields (and units/nanos messages), by dotted field path (`price`, `leg.amount`). */
export type DecimalFields = Readonly<Record<string, { readonly precision: number; readonly scale: number }>>;

/** How a (non-repeated, non-map) field's value becomes a SQL value. */
export type FieldKind =
  | { readonly kind: 'int' | 'float' | 'bool' | 'string' | 'bytes' }
  | { readonly kind: 'long'; readonly unsigned: boolean }
  | { readonly kind: 'enum'; readonly type: protobuf.Enum }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'string-decimal'; readonly sql: DecimalType; readonly wrapped: boolean }
  | { readonly kind: 'units-nanos-decimal'; readonly sql: DecimalType }
  | { readonly kind: 'wrapper'; readonly inner: FieldKind }
  | { readonly kind: 'message'; readonly type: protobuf.Type };

/** The scale units/nanos decimals and google.type.Decimal default to. */
export const NANOS_SCALE = 9;
const DEFAULT_DECIMAL = decimalType(38, NANOS_SCALE);

const LONG_TYPES = new Set(['int64', 'sint64', 'sfixed64', 'uint64', 'fixed64']);
const INT_TYPES = new Set(['int32', 'sint32', 'sfixed32', 'uint32', 'fixed32']);
const WRAPPERS = new Set(['DoubleValue', 'FloatValue', 'Int64Value', 'UInt64Value', 'Int32Value', 'UInt32Value', 'BoolValue', 'StringValue', 'BytesValue']);

function scalarKind(type: string): FieldKind | undefined {
  if (LONG_TYPES.has(type)) return { kind: 'long', unsigned: type === 'uint64' || type === 'fixed64' };
  if (INT_TYPES.has(type)) return { kind: 'int' };
  if (type === 'double' || type === 'float') return { kind: 'float' };
  if (type === 'bool') return { kind: 'bool' };
  if (type === 'string') return { kind: 'string' };
  if (type === 'bytes') return { kind: 'bytes' };
  return undefined;
}

function isUnitsNanos(type: protobuf.Type): boolean {
  const fields = type.fieldsArray;
  return fields.length === 2 && LONG_TYPES.has(type.fields['units']?.type ?? '') && type.fields['nanos']?.type === 'int32';
}

/** The kind of a field's element (its value for repeated fields and maps). */
export function fieldKind(f: protobuf.Field, path: string, decimals: DecimalFields): FieldKind {
  const declared = decimals[path];
  const resolved = f.resolvedType;
  if (resolved instanceof protobuf.Enum) return { kind: 'enum', type: resolved };
  if (resolved instanceof protobuf.Type) {
    const name = resolved.fullName;
    if (name === '.google.protobuf.Timestamp') return { kind: 'timestamp' };
    if (name === '.google.type.Decimal') {
      return { kind: 'string-decimal', sql: declared ? decimalType(declared.precision, declared.scale) : DEFAULT_DECIMAL, wrapped: true };
    }
    if (isUnitsNanos(resolved)) return { kind: 'units-nanos-decimal', sql: declared ? decimalType(declared.precision, declared.scale) : DEFAULT_DECIMAL };
    if (name.startsWith('.google.protobuf.') && WRAPPERS.has(resolved.name)) {
      return { kind: 'wrapper', inner: scalarKind(resolved.fields['value']?.type ?? '') as FieldKind };
    }
    return { kind: 'message', type: resolved };
  }
  const scalar = scalarKind(f.type);
  if (!scalar) throw protobufSchemaError(`field '${path}' has the unsupported Protobuf type ${f.type}`);
  if (declared) {
    if (scalar.kind !== 'string') throw protobufSchemaError(`field '${path}' is declared DECIMAL but is a Protobuf ${f.type}, not a string`);
    return { kind: 'string-decimal', sql: decimalType(declared.precision, declared.scale), wrapped: false };
  }
  return scalar;
}

/** The SQL type of a field kind. */
function sqlTypeOfKind(kind: FieldKind, path: string, decimals: DecimalFields, seen: readonly protobuf.Type[]): SqlType {
  switch (kind.kind) {
    case 'float':
      return SqlTypes.DOUBLE;
    case 'int':
    case 'long':
      return SqlTypes.BIGINT;
    case 'bool':
      return SqlTypes.BOOLEAN;
    case 'string':
    case 'enum':
      return SqlTypes.STRING;
    case 'bytes':
      return SqlTypes.BYTES;
    case 'timestamp':
      return SqlTypes.TIMESTAMP;
    case 'string-decimal':
    case 'units-nanos-decimal':
      return kind.sql;
    case 'wrapper':
      return sqlTypeOfKind(kind.inner, path, decimals, seen);
    case 'message':
      if (seen.includes(kind.type)) throw protobufSchemaError(`field '${path}' makes the message ${kind.type.name} recursive, which has no SQL type`);
      return structType(messageFields(kind.type, decimals, `${path}.`, [...seen, kind.type]).map((x) => field(x.name, x.type, x.nullable)));
  }
}

/** The SQL type of one field: repeated → ARRAY, map → MAP, integers BIGINT (32-bit ones too), floats DOUBLE. */
export function fieldSqlType(f: protobuf.Field, path: string, decimals: DecimalFields, seen: readonly protobuf.Type[] = []): SqlType {
  const element = sqlTypeOfKind(fieldKind(f, path, decimals), path, decimals, seen);
  if (f instanceof protobuf.MapField) {
    const keyKind = scalarKind(f.keyType);
    const key = keyKind?.kind === 'string' ? SqlTypes.STRING : keyKind?.kind === 'bool' ? SqlTypes.BOOLEAN : SqlTypes.BIGINT;
    return mapType(key, element);
  }
  return f.repeated ? arrayType(element) : element;
}

/** Whether a field reads as NULL when absent: messages, wrappers, oneof members and proto3 `optional` fields. */
export function fieldIsNullable(f: protobuf.Field): boolean {
  if (f.repeated || f instanceof protobuf.MapField) return false;
  return f.partOf !== null || f.resolvedType instanceof protobuf.Type;
}

/** The SQL fields of a message type, in declaration order. */
export function messageFields(
  type: protobuf.Type,
  decimals: DecimalFields,
  prefix = '',
  seen: readonly protobuf.Type[] = [type],
): { name: string; type: SqlType; nullable: boolean }[] {
  return type.fieldsArray.map((f) => ({ name: f.name, type: fieldSqlType(f, prefix + f.name, decimals, seen), nullable: fieldIsNullable(f) }));
}

/**
 * The `decimals` option from declared columns (CREATE STREAM s (price DECIMAL(12,2), …), a YAML schema): every
 * DECIMAL column, and DECIMAL fields of STRUCT columns by dotted path.
 */
export function decimalFieldsOf(columns: readonly { readonly name: string; readonly type: SqlType }[], prefix = ''): DecimalFields {
  const out: Record<string, { precision: number; scale: number }> = {};
  for (const column of columns) {
    const path = prefix + column.name;
    if (column.type.kind === 'DECIMAL') out[path] = { precision: column.type.precision, scale: column.type.scale };
    else if (column.type.kind === 'STRUCT') Object.assign(out, decimalFieldsOf(column.type.fields, `${path}.`));
  }
  return out;
}
