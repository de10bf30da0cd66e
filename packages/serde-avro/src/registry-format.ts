import type { Codec } from '@velots/core';
import { AvroCodec } from './avro-codec.js';

/**
 * Avro for `@velots/schema-registry`'s `createConfluentCodec` (structurally its `RegistryFormat`): reader codecs
 * resolve each writer schema the registry returns against the reader schema, so evolved producers stay readable.
 */
export interface AvroRegistryFormat {
  readonly schemaType: 'AVRO';
  readonly localSchema: string | undefined;
  readonly messageIndexes: false;
  readerCodec(readerSchema: string, writerSchema: string): Codec;
  writerCodec(schema: string): { readonly codec: Codec; readonly indexes: readonly number[] };
}

/** The registry format of Avro, with the locally configured (or derived) schema when there is one. */
export function avroRegistryFormat(localSchema?: string): AvroRegistryFormat {
  return {
    schemaType: 'AVRO',
    localSchema,
    messageIndexes: false,
    readerCodec: (readerSchema, writerSchema) =>
      new AvroCodec({ schema: readerSchema, writerSchema: writerSchema === readerSchema ? undefined : writerSchema }),
    writerCodec: (schema) => ({ codec: new AvroCodec({ schema }), indexes: [] }),
  };
}
