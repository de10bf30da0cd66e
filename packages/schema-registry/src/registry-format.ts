import type { Codec } from '@velots/core';

/**
 * What the Confluent codec needs from a schema language (Avro, Protobuf). `@velots/serde-avro` and
 * `@velots/serde-protobuf` provide one each (`avroRegistryFormat`, `protobufRegistryFormat`); the packages of one
 * layer do not import each other, so this interface is matched by shape and composed by the Kafka connector.
 */
export interface RegistryFormat {
  readonly schemaType: 'AVRO' | 'PROTOBUF';
  /** The locally configured (or derived) schema text: the reader schema of a source, the writer schema of a sink. */
  readonly localSchema: string | undefined;
  /** Whether frames carry the Protobuf message-index list after the schema id. */
  readonly messageIndexes: boolean;
  /** A codec reading bodies written with `writerSchema` (message `indexes`) into rows of `readerSchema`. */
  readerCodec(readerSchema: string, writerSchema: string, indexes: readonly number[]): Codec;
  /** A codec writing rows with `schema`, and the message indexes its frames carry. */
  writerCodec(schema: string): { readonly codec: Codec; readonly indexes: readonly number[] };
}
