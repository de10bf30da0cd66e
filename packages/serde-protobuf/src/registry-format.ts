import type { Codec } from '@velots/core';
import type { DecimalFields } from './field-kinds.js';
import { ProtobufCodec } from './protobuf-codec.js';
import { parseProto, typeAtIndexes } from './proto-schema.js';

/**
 * Protobuf for `@velots/schema-registry`'s `createConfluentCodec` (structurally its `RegistryFormat`). Protobuf
 * readers decode by field number, so every writer version is read with the reader's message type.
 */
export interface ProtobufRegistryFormat {
  readonly schemaType: 'PROTOBUF';
  readonly localSchema: string | undefined;
  readonly messageIndexes: true;
  readerCodec(readerSchema: string, writerSchema: string, indexes: readonly number[]): Codec;
  writerCodec(schema: string): { readonly codec: Codec; readonly indexes: readonly number[] };
}

/** The registry format of Protobuf: the local `.proto` text (if any), its message type and decimal fields. */
export function protobufRegistryFormat(localSchema?: string, messageType?: string, decimals?: DecimalFields): ProtobufRegistryFormat {
  const codecFor = (schema: string, indexes: readonly number[]): ProtobufCodec => {
    const parsed = parseProto(schema);
    const name = messageType ?? (indexes.length > 0 ? typeAtIndexes(parsed, indexes).fullName.slice(1) : undefined);
    return new ProtobufCodec({ schema, messageType: name, decimals }, parsed);
  };
  return {
    schemaType: 'PROTOBUF',
    localSchema,
    messageIndexes: true,
    readerCodec: (readerSchema, _writerSchema, indexes) => codecFor(readerSchema, indexes),
    writerCodec: (schema) => {
      const codec = codecFor(schema, []);
      return { codec, indexes: codec.messageIndexes };
    },
  };
}
