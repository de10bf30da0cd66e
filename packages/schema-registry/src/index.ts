export { CONFLUENT_MAGIC_BYTE, decodeConfluentFrame, encodeConfluentFrame, peekSchemaId, type ConfluentFrame } from './confluent-frame.js';
export {
  SchemaRegistryClient,
  type RegisteredSchema,
  type RegistrySchema,
  type RegistrySchemaType,
  type SchemaReference,
  type SchemaRegistryOptions,
} from './registry-client.js';
export { ConfluentCodec, createConfluentCodec, valueSubject, type ConfluentCodecOptions } from './confluent-codec.js';
export type { RegistryFormat } from './registry-format.js';
export { SCHEMA_REGISTRY } from './errors.js';
