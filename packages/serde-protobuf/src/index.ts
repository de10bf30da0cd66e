export { ProtobufCodec, createProtobufCodec, protobufSqlSchema, type ProtobufCodecOptions } from './protobuf-codec.js';
export { protobufRegistryFormat, type ProtobufRegistryFormat } from './registry-format.js';
export { decimalFieldsOf, type DecimalFields } from './field-kinds.js';
export { SERDE_SCHEMA } from './errors.js';
