import { Schema, SqlTypes, decimalType } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { ConnectorProperties } from '@velots/runtime';
import { createProtobufCodec } from '@velots/serde-protobuf';
import { describe, expect, it } from 'vitest';
import { registerSchemaFormats } from '../src/codec/schema-formats.js';
import { schemaFormatFactory } from '../src/codec/value-format.js';

const PROTO = 'syntax = "proto3"; message Fill { string symbol = 1; string price = 2; int64 qty = 3; }';

function props(values: Record<string, string>): ConnectorProperties {
  return new ConnectorProperties(`sink 'fills'`, 'fills', values);
}

describe('schema formats', () => {
  registerSchemaFormats();

  it('a protobuf sink writes DECIMAL output columns into string fields as exact decimal text', async () => {
    const output = Schema.of(['symbol', SqlTypes.STRING], ['price', decimalType(12, 4)], ['qty', SqlTypes.BIGINT]);
    const factory = schemaFormatFactory('protobuf', `sink 'fills'`);
    const codec = await factory({ role: 'sink', props: props({ 'protobuf.schema': PROTO, 'protobuf.message.type': 'Fill' }), baseDir: '.', topic: 'fills', connectorName: 'fills', schema: output });
    const bytes = codec.encode(['AAPL', Decimal.parse('189.2500'), 100]);
    expect(createProtobufCodec({ schema: PROTO, messageType: 'Fill' }).decode(bytes)).toEqual(['AAPL', '189.2500', 100]);
  });

  it('names what an Avro or Protobuf value needs when it is missing', async () => {
    await expect(schemaFormatFactory('avro', `source 'x'`)({ role: 'source', props: props({}), baseDir: '.', topic: 'x', connectorName: 'x', schema: undefined })).rejects.toThrow(
      "value format 'avro' needs 'avro.schema', 'avro.schema.file' or 'schema.registry.url'",
    );
    await expect(schemaFormatFactory('protobuf', `source 'x'`)({ role: 'source', props: props({}), baseDir: '.', topic: 'x', connectorName: 'x', schema: undefined })).rejects.toThrow(
      "value format 'protobuf' needs 'protobuf.schema' or 'protobuf.schema.file' (or 'schema.registry.url')",
    );
  });
});
