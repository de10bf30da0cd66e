import { VeloError, ErrorCodes } from './errors.js';

/** The largest DECIMAL precision Velo TS supports. */
export const MAX_DECIMAL_PRECISION = 38;

export type SqlTypeKind =
  | 'NULL'
  | 'BOOLEAN'
  | 'INTEGER'
  | 'BIGINT'
  | 'DOUBLE'
  | 'DECIMAL'
  | 'STRING'
  | 'BYTES'
  | 'DATE'
  | 'TIMESTAMP'
  | 'INTERVAL'
  | 'ARRAY'
  | 'MAP'
  | 'STRUCT';

/** A field of a STRUCT type or a Schema. */
export interface Field {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
}

export interface NullType { readonly kind: 'NULL' }
export interface BooleanType { readonly kind: 'BOOLEAN' }
/** 32-bit signed integer; a JS number. */
export interface IntegerType { readonly kind: 'INTEGER' }
/** 64-bit signed integer; a JS number while safe (|v| ≤ 2^53 − 1), a bigint beyond. */
export interface BigintType { readonly kind: 'BIGINT' }
/** IEEE 754 double; a JS number. */
export interface DoubleType { readonly kind: 'DOUBLE' }
/** Exact decimal; a `DecimalValue` (from `@velots/decimal`). */
export interface DecimalType { readonly kind: 'DECIMAL'; readonly precision: number; readonly scale: number }
/** Text; `maxLength` is kept from VARCHAR(n) for printing and is not enforced. */
export interface StringType { readonly kind: 'STRING'; readonly maxLength?: number | undefined }
/** Raw bytes; a Uint8Array. */
export interface BytesType { readonly kind: 'BYTES' }
/** A calendar date; a JS number of days since 1970-01-01. */
export interface DateType { readonly kind: 'DATE' }
/** An instant; a JS number of epoch milliseconds (UTC). */
export interface TimestampType { readonly kind: 'TIMESTAMP' }
/** A duration; a JS number of milliseconds. */
export interface IntervalType { readonly kind: 'INTERVAL' }
/** A list; a JS array. */
export interface ArrayType { readonly kind: 'ARRAY'; readonly element: SqlType }
/** A map; a JS Map. */
export interface MapType { readonly kind: 'MAP'; readonly key: SqlType; readonly value: SqlType }
/** A record; a plain JS object keyed by field name. */
export interface StructType { readonly kind: 'STRUCT'; readonly fields: readonly Field[] }

/** A SQL type: a discriminated union on `kind`. Values of each type are described on its interface. */
export type SqlType =
  | NullType
  | BooleanType
  | IntegerType
  | BigintType
  | DoubleType
  | DecimalType
  | StringType
  | BytesType
  | DateType
  | TimestampType
  | IntervalType
  | ArrayType
  | MapType
  | StructType;

/** The parameterless types, shared instances. */
export const SqlTypes = {
  NULL: { kind: 'NULL' } as NullType,
  BOOLEAN: { kind: 'BOOLEAN' } as BooleanType,
  INTEGER: { kind: 'INTEGER' } as IntegerType,
  BIGINT: { kind: 'BIGINT' } as BigintType,
  DOUBLE: { kind: 'DOUBLE' } as DoubleType,
  STRING: { kind: 'STRING' } as StringType,
  BYTES: { kind: 'BYTES' } as BytesType,
  DATE: { kind: 'DATE' } as DateType,
  TIMESTAMP: { kind: 'TIMESTAMP' } as TimestampType,
  INTERVAL: { kind: 'INTERVAL' } as IntervalType,
} as const;
Object.values(SqlTypes).forEach((t) => Object.freeze(t));

/** DECIMAL(precision, scale); throws INVALID_ARGUMENT unless 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision. */
export function decimalType(precision: number, scale: number): DecimalType {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_DECIMAL_PRECISION) {
    throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `DECIMAL precision must be 1..${MAX_DECIMAL_PRECISION}, got ${precision}`);
  }
  if (!Number.isInteger(scale) || scale < 0 || scale > precision) {
    throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `DECIMAL scale must be 0..${precision}, got ${scale}`);
  }
  return Object.freeze({ kind: 'DECIMAL', precision, scale });
}

/** STRING, or VARCHAR(n) when a length is given; throws INVALID_ARGUMENT unless n is a positive integer. */
export function stringType(maxLength?: number): StringType {
  if (maxLength === undefined) return SqlTypes.STRING;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `VARCHAR length must be a positive integer, got ${maxLength}`);
  }
  return Object.freeze({ kind: 'STRING', maxLength });
}

/** ARRAY(element). */
export function arrayType(element: SqlType): ArrayType {
  return Object.freeze({ kind: 'ARRAY', element });
}

/** MAP(key, value). */
export function mapType(key: SqlType, value: SqlType): MapType {
  return Object.freeze({ kind: 'MAP', key, value });
}

/** STRUCT(name TYPE, …); field names must be unique. */
export function structType(fields: readonly Field[]): StructType {
  assertUniqueNames(fields, 'STRUCT');
  return Object.freeze({ kind: 'STRUCT', fields: Object.freeze([...fields]) });
}

/** A field; nullable unless said otherwise. */
export function field(name: string, type: SqlType, nullable = true): Field {
  return Object.freeze({ name, type, nullable });
}

export function assertUniqueNames(fields: readonly Field[], what: string): void {
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) {
      throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `${what} has two fields named '${f.name}'`);
    }
    seen.add(f.name);
  }
}

/** Canonical SQL text of a type: `DECIMAL(10,2)`, `ARRAY(BIGINT)`, `STRUCT(a BIGINT, b STRING)`. */
export function formatSqlType(type: SqlType): string {
  switch (type.kind) {
    case 'DECIMAL':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'STRING':
      return type.maxLength === undefined ? 'STRING' : `VARCHAR(${type.maxLength})`;
    case 'ARRAY':
      return `ARRAY(${formatSqlType(type.element)})`;
    case 'MAP':
      return `MAP(${formatSqlType(type.key)}, ${formatSqlType(type.value)})`;
    case 'STRUCT':
      return `STRUCT(${type.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`).join(', ')})`;
    default:
      return type.kind;
  }
}

/** Structural equality of types (VARCHAR(n) equals STRING: the length is not part of the value domain). */
export function sqlTypeEquals(a: SqlType, b: SqlType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'DECIMAL': {
      const other = b as DecimalType;
      return a.precision === other.precision && a.scale === other.scale;
    }
    case 'ARRAY':
      return sqlTypeEquals(a.element, (b as ArrayType).element);
    case 'MAP': {
      const other = b as MapType;
      return sqlTypeEquals(a.key, other.key) && sqlTypeEquals(a.value, other.value);
    }
    case 'STRUCT': {
      const other = b as StructType;
      return (
        a.fields.length === other.fields.length &&
        a.fields.every((f, i) => {
          const g = other.fields[i];
          return g !== undefined && f.name === g.name && sqlTypeEquals(f.type, g.type);
        })
      );
    }
    default:
      return true;
  }
}

/** True for the types arithmetic works on. */
export function isNumericType(type: SqlType): boolean {
  return type.kind === 'INTEGER' || type.kind === 'BIGINT' || type.kind === 'DOUBLE' || type.kind === 'DECIMAL';
}

/** True for INTEGER and BIGINT. */
export function isIntegralType(type: SqlType): boolean {
  return type.kind === 'INTEGER' || type.kind === 'BIGINT';
}

/** True for DATE, TIMESTAMP and INTERVAL. */
export function isTemporalType(type: SqlType): boolean {
  return type.kind === 'DATE' || type.kind === 'TIMESTAMP' || type.kind === 'INTERVAL';
}

const TYPE_NAME_ALIASES: Readonly<Record<string, SqlType>> = {
  BOOLEAN: SqlTypes.BOOLEAN,
  BOOL: SqlTypes.BOOLEAN,
  INTEGER: SqlTypes.BIGINT,
  INT: SqlTypes.BIGINT,
  SMALLINT: SqlTypes.BIGINT,
  TINYINT: SqlTypes.BIGINT,
  BIGINT: SqlTypes.BIGINT,
  DOUBLE: SqlTypes.DOUBLE,
  FLOAT: SqlTypes.DOUBLE,
  REAL: SqlTypes.DOUBLE,
  STRING: SqlTypes.STRING,
  VARCHAR: SqlTypes.STRING,
  TEXT: SqlTypes.STRING,
  CHAR: SqlTypes.STRING,
  BYTES: SqlTypes.BYTES,
  BINARY: SqlTypes.BYTES,
  VARBINARY: SqlTypes.BYTES,
  DATE: SqlTypes.DATE,
  TIMESTAMP: SqlTypes.TIMESTAMP,
  DATETIME: SqlTypes.TIMESTAMP,
  INTERVAL: SqlTypes.INTERVAL,
};

/**
 * Resolves a parameterless type name of the dialect (any case, aliases included):
 * INT/INTEGER/SMALLINT are 64-bit BIGINT as in the dialect (§8). DECIMAL, ARRAY, MAP and
 * STRUCT take parameters and go through their constructors; for those and for unknown
 * names this returns undefined.
 */
export function simpleTypeByName(name: string): SqlType | undefined {
  return TYPE_NAME_ALIASES[name.toUpperCase()];
}
