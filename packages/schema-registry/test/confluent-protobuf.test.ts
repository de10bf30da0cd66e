import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { createProtobufCodec, protobufRegistryFormat } from '@velots/serde-protobuf';
import { startSchemaRegistryFixture, type SchemaRegistryFixture } from '@velots/schema-registry-fixture';
import { SchemaRegistryClient, createConfluentCodec, encodeConfluentFrame } from '../src/index.js';

const PROTO_V1 = `syntax = "proto3";
package shop;
message Header { string source = 1; }
message Order { int64 id = 1; string price = 2; }`;
const PROTO_V2 = `syntax = "proto3";
package shop;
message Header { string source = 1; }
message Order { int64 id = 1; string price = 2; string currency = 3; }`;

describe('Protobuf through the Confluent wire format and the registry', () => {
  let fixture: SchemaRegistryFixture;
  let registry: SchemaRegistryClient;
  beforeEach(async () => {
    fixture = await startSchemaRegistryFixture();
    registry = new SchemaRegistryClient({ url: fixture.url });
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('frames the message indexes of the message type and reads them back', async () => {
    const decimals = { price: { precision: 10, scale: 2 } };
    const writer = await createConfluentCodec({ registry, subject: 'orders-value', format: protobufRegistryFormat(PROTO_V1, 'shop.Order', decimals), mode: 'write' });
    const payload = writer.encode([2n ** 62n, Decimal.parse('-3.10')]);
    expect([...payload.subarray(0, 8)]).toEqual([0, 0, 0, 0, 1, 2, 2, 0x08]);
    const reader = await createConfluentCodec({ registry, subject: 'orders-value', format: protobufRegistryFormat(undefined, 'shop.Order', decimals) });
    await reader.prepare([payload]);
    expect(reader.decode(payload)).toEqual([2n ** 62n, Decimal.parse('-3.10')]);
    // The writer's registration answered the id lookup: no GET /schemas/ids/1.
    expect(fixture.requests).toEqual(['POST /subjects/orders-value/versions', 'GET /subjects/orders-value/versions/latest']);
  });

  it('reads payloads of a newer writer schema by field number with the local message type', async () => {
    const newId = fixture.register('orders-value', PROTO_V2, 'PROTOBUF');
    const body = createProtobufCodec({ schema: PROTO_V2, messageType: 'Order' }).encode([5, '1.25', 'EUR']);
    const payload = encodeConfluentFrame(newId, body, [1]);
    const reader = await createConfluentCodec({ registry, subject: 'orders-value', format: protobufRegistryFormat(PROTO_V1, 'Order') });
    await reader.prepare([payload]);
    expect(reader.decode(payload)).toEqual([5, '1.25']);
    const avroId = fixture.register('other-value', '{"type":"record","name":"R","fields":[]}');
    const avroPayload = encodeConfluentFrame(avroId, new Uint8Array(0), [0]);
    await reader.prepare([avroPayload, payload]);
    expect(() => reader.decode(avroPayload)).toThrowError(
      expect.objectContaining({ code: 'SERDE_DECODE', message: `invalid Confluent-framed record (byte 1): schema id ${avroId} cannot be read: it is a AVRO schema, but 'orders-value' is read as PROTOBUF` }),
    );
    expect(reader.decode(payload)).toEqual([5, '1.25']);
  });
});
