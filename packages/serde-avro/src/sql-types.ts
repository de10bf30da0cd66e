import avro from 'avsc';
import { Schema, SqlTypes, arrayType, decimalType, field, mapType, structType, type Field, type SqlType } from '@velots/core';
import { avroSchemaError } from './errors.js';
import { compileAvroType, type AvroSchemaSource } from './avro-type.js';
import { AvroDateType, AvroDecimalType, AvroTimestampMicrosType, AvroTimestampMillisType, AvroUuidType } from './logical-types.js';

/** An Avro type's name as a schema author wrote it (`long`, `logical:decimal`…; avsc calls the 64-bit long `abstract:long`). */
export function avroTypeName(type: avro.Type): string {
  return type.typeName === 'abstract:long' ? 'long' : type.typeName;
}

/** The branch of a `["null", T]` union that is not null, or undefined when `type` is not such a union. */
export function nullableBranch(type: avro.Type): avro.Type | undefined {
  if (!(type instanceof avro.types.UnwrappedUnionType)) return undefined;
  const branches = type.types.filter((t) => t.typeName !== 'null');
  return branches.length === 1 ? branches[0] : undefined;
}

/** True when a value of `type` may be null (the `null` type or a union with a null branch). */
export function isNullable(type: avro.Type): boolean {
  if (type.typeName === 'null') return true;
  return type instanceof avro.types.UnwrappedUnionType && type.types.some((t) => t.typeName === 'null');
}

/** The SQL type of an Avro type (README "Types"); SERDE_SCHEMA for unions of several non-null branches. */
export function sqlTypeOfAvro(type: avro.Type, path: string): SqlType {
  if (type instanceof AvroDecimalType) return decimalType(type.precision, type.scale);
  if (type instanceof AvroTimestampMillisType || type instanceof AvroTimestampMicrosType) return SqlTypes.TIMESTAMP;
  if (type instanceof AvroDateType) return SqlTypes.DATE;
  if (type instanceof AvroUuidType) return SqlTypes.STRING;
  if (type instanceof avro.types.LogicalType) return sqlTypeOfAvro(type.underlyingType, path);
  if (type instanceof avro.types.RecordType) return structType(recordFields(type, path));
  if (type instanceof avro.types.ArrayType) return arrayType(sqlTypeOfAvro(type.itemsType, `${path}[]`));
  if (type instanceof avro.types.MapType) return mapType(SqlTypes.STRING, sqlTypeOfAvro(type.valuesType, `${path}{}`));
  if (type instanceof avro.types.UnwrappedUnionType || type instanceof avro.types.WrappedUnionType) {
    const branch = nullableBranch(type);
    if (branch) return sqlTypeOfAvro(branch, path);
    const branches = (type as avro.types.UnwrappedUnionType).types;
    if (branches.length === 1 && branches[0]) return sqlTypeOfAvro(branches[0], path);
    throw avroSchemaError(
      `'${path}' is a union of ${branches.map(avroTypeName).join(', ')}: only ["null", T] unions map to SQL types`,
    );
  }
  switch (type.typeName) {
    case 'null':
      return SqlTypes.NULL;
    case 'boolean':
      return SqlTypes.BOOLEAN;
    case 'int':
    case 'long':
    case 'abstract:long':
      return SqlTypes.BIGINT;
    case 'float':
    case 'double':
      return SqlTypes.DOUBLE;
    case 'bytes':
    case 'fixed':
      return SqlTypes.BYTES;
    case 'string':
    case 'enum':
      return SqlTypes.STRING;
    default:
      throw avroSchemaError(`'${path}' has the Avro type ${avroTypeName(type)}, which has no SQL type`);
  }
}

/** The SQL fields of an Avro record type; a field is nullable when its type admits null. */
export function recordFields(type: avro.types.RecordType, path?: string): Field[] {
  return type.fields.map((f) => field(f.name, sqlTypeOfAvro(f.type, path ? `${path}.${f.name}` : f.name), isNullable(f.type)));
}

/** The SQL schema an Avro record schema maps to: one column per top-level field. */
export function avroSqlSchema(schema: AvroSchemaSource | avro.Type): Schema {
  const type = avro.Type.isType(schema) ? (schema as avro.Type) : compileAvroType(schema as AvroSchemaSource);
  if (!(type instanceof avro.types.RecordType)) {
    throw avroSchemaError(`a row's Avro schema must be a record, found ${type.typeName}`);
  }
  return new Schema(recordFields(type));
}
