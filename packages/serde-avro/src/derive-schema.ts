import type { Schema, SqlType } from '@velots/core';
import { avroSchemaError } from './errors.js';

/** An Avro schema in its JSON form. */
export type AvroSchemaJson = string | { readonly [key: string]: unknown } | readonly AvroSchemaJson[];

const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkName(name: string, what: string): string {
  if (!AVRO_NAME.test(name)) {
    throw avroSchemaError(`${what} '${name}' is not a valid Avro name ([A-Za-z_][A-Za-z0-9_]*): give it an alias with AS`);
  }
  return name;
}

function avroTypeOf(type: SqlType, path: string): AvroSchemaJson {
  switch (type.kind) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INTEGER':
      return 'int';
    case 'BIGINT':
    case 'INTERVAL':
      return 'long';
    case 'DOUBLE':
      return 'double';
    case 'STRING':
      return 'string';
    case 'BYTES':
      return 'bytes';
    case 'NULL':
      return 'null';
    case 'DECIMAL':
      return { type: 'bytes', logicalType: 'decimal', precision: type.precision, scale: type.scale };
    case 'TIMESTAMP':
      return { type: 'long', logicalType: 'timestamp-millis' };
    case 'DATE':
      return { type: 'int', logicalType: 'date' };
    case 'ARRAY':
      return { type: 'array', items: avroTypeOf(type.element, `${path}_item`) };
    case 'MAP':
      if (type.key.kind !== 'STRING') throw avroSchemaError(`'${path}' is a MAP with ${type.key.kind} keys: Avro maps have STRING keys`);
      return { type: 'map', values: avroTypeOf(type.value, `${path}_value`) };
    case 'STRUCT':
      return {
        type: 'record',
        name: checkName(path, 'record'),
        fields: type.fields.map((f) => avroField(f.name, f.type, f.nullable, `${path}_${f.name}`)),
      };
  }
}

function avroField(name: string, type: SqlType, nullable: boolean, path: string): { readonly [key: string]: unknown } {
  checkName(name, 'column');
  const avroType = avroTypeOf(type, path);
  if (!nullable || type.kind === 'NULL') return { name, type: avroType };
  return { name, type: ['null', avroType], default: null };
}

/**
 * The Avro record schema for a sink's output columns (issue 10): a record named after the sink, nullable columns as
 * `["null", T]` with default null, BIGINT long, DOUBLE double, BOOLEAN boolean, STRING string, DECIMAL(p,s) bytes
 * with logical type decimal, TIMESTAMP long timestamp-millis, DATE int date; STRUCT columns as nested records.
 */
export function deriveAvroSchema(recordName: string, schema: Schema): string {
  // Sink names may hold dashes and dots or start with a digit; the record name may not.
  const name = checkName(recordName.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_'), 'record');
  const record = {
    type: 'record',
    name,
    fields: schema.fields.map((f) => avroField(f.name, f.type, f.nullable, `${name}_${f.name}`)),
  };
  return JSON.stringify(record);
}
