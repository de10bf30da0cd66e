import avro from 'avsc';
import { avroSchemaError } from './errors.js';
import { LOGICAL_TYPES } from './logical-types.js';
import { LONG_TYPE } from './long-type.js';

/** An Avro schema as JSON text or its parsed form. */
export type AvroSchemaSource = string | avro.Schema;

/** Compiles an Avro schema with Velo TS's 64-bit long and logical types; SERDE_SCHEMA when it is invalid. */
export function compileAvroType(schema: AvroSchemaSource): avro.Type {
  let parsed: avro.Schema;
  try {
    parsed = typeof schema === 'string' ? (JSON.parse(schema) as avro.Schema) : schema;
  } catch (error) {
    throw avroSchemaError(`the Avro schema is not valid JSON: ${(error as Error).message}`, error);
  }
  try {
    return avro.Type.forSchema(parsed, {
      registry: { long: LONG_TYPE },
      logicalTypes: LOGICAL_TYPES,
      assertLogicalTypes: true,
      wrapUnions: 'auto',
    });
  } catch (error) {
    throw avroSchemaError(`invalid Avro schema: ${(error as Error).message}`, error);
  }
}
