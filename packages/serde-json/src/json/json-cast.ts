import {
  SqlTypes,
  arrayType,
  field,
  parseDateText,
  parseTimestampText,
  structType,
  type SqlType,
  type SqlValue,
} from '@velots/core';
import { decimalFromInteger, decimalPrecision, decimalToNumber, isDecimal, rescaleDecimal } from '../typing/decimal-values.js';
import { ColumnKindAccumulator } from '../typing/text-kind.js';
import { NOT_A_VALUE, OVERFLOWS, declaredTextConverter } from '../typing/text-cast.js';
import { encodeJsonValue } from './json-encode.js';
import { JsonSyntaxError, parseJsonExact, type JsonObject, type JsonValue } from './json-value-parser.js';

/** A decoded JSON value → a value of one column type, or a failure marker. Built once per column. */
export type JsonConverter = (value: JsonValue) => SqlValue | typeof NOT_A_VALUE | typeof OVERFLOWS;

function isPlainObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isDecimal(value);
}

/**
 * Infers one column's type from sampled JSON values: numbers and booleans as in CSV typing, strings stay
 * STRING (no date guessing inside JSON strings), objects become STRUCT over the union of their keys,
 * arrays ARRAY of their elements' type; a scalar mixed with a nested value is STRING.
 */
export class JsonTypeAccumulator {
  private readonly scalars = new ColumnKindAccumulator();
  private fields: Map<string, JsonTypeAccumulator> | undefined;
  private element: JsonTypeAccumulator | undefined;
  private shapes = 0; // bit 1 scalar, 2 object, 4 array

  /** Adds one sampled value. */
  add(value: JsonValue | undefined): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      this.shapes |= 4;
      this.element ??= new JsonTypeAccumulator();
      for (const item of value) this.element.add(item);
    } else if (isPlainObject(value)) {
      this.shapes |= 2;
      this.fields ??= new Map();
      for (const key of Object.keys(value)) {
        let acc = this.fields.get(key);
        if (!acc) this.fields.set(key, (acc = new JsonTypeAccumulator()));
        acc.add(value[key]);
      }
    } else {
      this.shapes |= 1;
      if (typeof value === 'number') this.scalars.addKind(Number.isInteger(value) ? 'BIGINT' : 'DECIMAL');
      else if (typeof value === 'bigint') this.scalars.addKind('BIGINT');
      else if (typeof value === 'boolean') this.scalars.addKind('BOOLEAN');
      else if (typeof value === 'string') this.scalars.addKind('STRING');
      else this.scalars.addKind('DECIMAL', value.scale);
    }
  }

  /** The inferred type. */
  type(): SqlType {
    if (this.shapes === 2 && this.fields) {
      return structType([...this.fields].map(([name, acc]) => field(name, acc.type())));
    }
    if (this.shapes === 4 && this.element) return arrayType(this.element.type());
    if (this.shapes === 0 || this.shapes === 1) return this.scalars.type();
    return SqlTypes.STRING;
  }
}

/** The converter for a column whose type was inferred from JSON: values keep their exact form. */
export function inferredJsonConverter(type: SqlType): JsonConverter {
  return jsonConverter(type, true);
}

/** The converter for a declared column type: JSON values cast to it (strings by CAST rules). */
export function declaredJsonConverter(type: SqlType): JsonConverter {
  return jsonConverter(type, false);
}

function jsonConverter(type: SqlType, inferred: boolean): JsonConverter {
  const fromText = declaredTextConverter(type);
  switch (type.kind) {
    case 'BIGINT':
    case 'INTEGER':
    case 'INTERVAL': {
      // A safe integer already is a BIGINT value; only INTEGER's 32-bit range needs the text rules' check.
      const numberIsValue = type.kind !== 'INTEGER';
      return (v) => {
        if (typeof v === 'number') {
          if (numberIsValue && Number.isSafeInteger(v)) return v + 0; // + 0 turns -0 into 0, as the text rules do
          return Number.isInteger(v) ? fromText(String(v)) : NOT_A_VALUE;
        }
        if (typeof v === 'bigint') return fromText(v.toString());
        if (typeof v === 'string' && !inferred) return fromText(v.trim());
        if (isDecimal(v) && !inferred) return fromText(v.toString());
        return NOT_A_VALUE;
      };
    }
    case 'DOUBLE':
      return (v) => {
        if (typeof v === 'number') return v;
        if (typeof v === 'bigint') return Number(v);
        if (isDecimal(v)) return decimalToNumber(v);
        return typeof v === 'string' ? fromText(v.trim()) : NOT_A_VALUE;
      };
    case 'DECIMAL':
      return (v) => {
        let d;
        if (typeof v === 'number' || typeof v === 'bigint') {
          if (typeof v === 'number' && !Number.isInteger(v)) return fromText(String(v));
          d = decimalFromInteger(v);
        } else if (isDecimal(v)) d = v;
        else return typeof v === 'string' && !inferred ? fromText(v.trim()) : NOT_A_VALUE;
        if (!inferred && d.scale !== type.scale) d = rescaleDecimal(d, type.scale);
        return decimalPrecision(d) > type.precision ? OVERFLOWS : d;
      };
    case 'BOOLEAN':
      return (v) => (typeof v === 'boolean' ? v : !inferred && (typeof v === 'string' || typeof v === 'number') ? fromText(String(v).trim()) : NOT_A_VALUE);
    case 'STRING':
      return (v) => (typeof v === 'string' ? v : encodeJsonValue(v as SqlValue));
    case 'DATE':
      return (v) => (typeof v === 'string' ? parseDateText(v) ?? NOT_A_VALUE : typeof v === 'number' && Number.isInteger(v) ? v : NOT_A_VALUE);
    case 'TIMESTAMP':
      return (v) => (typeof v === 'string' ? parseTimestampText(v) ?? NOT_A_VALUE : typeof v === 'number' && Number.isInteger(v) ? v : NOT_A_VALUE);
    case 'BYTES':
      return (v) => (typeof v === 'string' ? fromText(v) : NOT_A_VALUE);
    case 'NULL':
      return () => null;
    case 'ARRAY': {
      const element = jsonConverter(type.element, inferred);
      return (v) => {
        if (!Array.isArray(v)) return NOT_A_VALUE;
        const out: SqlValue[] = [];
        for (const item of v) {
          const x = item === null ? null : element(item);
          if (x === NOT_A_VALUE || x === OVERFLOWS) return x;
          out.push(x);
        }
        return out;
      };
    }
    case 'STRUCT': {
      const fields = type.fields.map((f) => [f.name, jsonConverter(f.type, inferred)] as const);
      return (v) => {
        if (!isPlainObject(v)) return NOT_A_VALUE;
        const out: Record<string, SqlValue> = {};
        for (const [name, convert] of fields) {
          const item = Object.prototype.hasOwnProperty.call(v, name) ? v[name] : null;
          const x = item === null || item === undefined ? null : convert(item);
          if (x === NOT_A_VALUE || x === OVERFLOWS) return x;
          out[name] = x;
        }
        return out;
      };
    }
    case 'MAP': {
      const key = declaredTextConverter(type.key);
      const value = jsonConverter(type.value, inferred);
      return (v) => {
        if (!isPlainObject(v)) return NOT_A_VALUE;
        const out = new Map<SqlValue, SqlValue>();
        for (const name of Object.keys(v)) {
          const k = key(name);
          const item = v[name];
          const x = item === null || item === undefined ? null : value(item);
          if (k === NOT_A_VALUE || k === OVERFLOWS) return k;
          if (x === NOT_A_VALUE || x === OVERFLOWS) return x;
          out.set(k, x);
        }
        return out;
      };
    }
  }
}

/** A nested (ARRAY/MAP/STRUCT) value written as JSON text inside a CSV field. */
export function nestedFromJsonText(text: string, type: SqlType): SqlValue | typeof NOT_A_VALUE | typeof OVERFLOWS {
  let parsed: JsonValue;
  try {
    parsed = parseJsonExact(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return NOT_A_VALUE;
    throw error;
  }
  return parsed === null ? null : declaredJsonConverter(type)(parsed);
}
