export { AvroCodec, createAvroCodec, type AvroCodecOptions } from './avro-codec.js';
export { compileAvroType, type AvroSchemaSource } from './avro-type.js';
export { avroSqlSchema } from './sql-types.js';
export { deriveAvroSchema, type AvroSchemaJson } from './derive-schema.js';
export { avroRegistryFormat, type AvroRegistryFormat } from './registry-format.js';
export { SERDE_SCHEMA } from './errors.js';
export { LONG_TYPE } from './long-type.js';
