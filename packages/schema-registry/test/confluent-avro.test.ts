import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Schema, SqlTypes, decimalType, field } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { avroRegistryFormat, createAvroCodec, deriveAvroSchema } from '@velots/serde-avro';
import { startSchemaRegistryFixture, type SchemaRegistryFixture } from '@velots/schema-registry-fixture';
import { SchemaRegistryClient, createConfluentCodec, encodeConfluentFrame, valueSubject } from '../src/index.js';

const V1 = JSON.stringify({
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
  ],
});
const V2 = JSON.stringify({
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'venue', type: 'string', default: 'XLON' },
  ],
});

describe('Avro through the Confluent wire format and the registry', () => {
  let fixture: SchemaRegistryFixture;
  let registry: SchemaRegistryClient;
  beforeEach(async () => {
    fixture = await startSchemaRegistryFixture();
    registry = new SchemaRegistryClient({ url: fixture.url });
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('writes with a derived schema registered under <topic>-value and reads it back exactly', async () => {
    const output = new Schema([field('id', SqlTypes.BIGINT, false), field('total', decimalType(18, 2)), field('at', SqlTypes.TIMESTAMP)]);
    const subject = valueSubject('order_totals');
    const writer = await createConfluentCodec({ registry, subject, format: avroRegistryFormat(deriveAvroSchema('order_totals', output)), mode: 'write' });
    const rows = [[2n ** 63n - 1n, Decimal.parse('-1234567890123456.78'), 1_700_000_000_000], [1, null, null]];
    const payloads = rows.map((r) => writer.encode(r));
    expect([...(payloads[0] as Uint8Array).subarray(0, 5)]).toEqual([0, 0, 0, 0, 1]);

    const reader = await createConfluentCodec({ registry: new SchemaRegistryClient({ url: fixture.url }), subject, format: avroRegistryFormat() });
    expect(reader.schema).toEqual(output);
    await reader.prepare(payloads);
    expect(payloads.map((p) => reader.decode(p))).toEqual(rows);
  });

  it('reads records of an older writer schema with the newer local reader schema, fetching each id once', async () => {
    const subject = 'orders-value';
    const oldId = fixture.register(subject, V1);
    const newId = fixture.register(subject, V2);
    const oldBody = createAvroCodec({ schema: V1 }).encode([1, Decimal.parse('-0.01')]);
    const newBody = createAvroCodec({ schema: V2 }).encode([2, Decimal.parse('5.00'), 'XPAR']);
    const batch = [encodeConfluentFrame(oldId, oldBody), encodeConfluentFrame(newId, newBody), encodeConfluentFrame(oldId, oldBody)];
    const reader = await createConfluentCodec({ registry, subject, format: avroRegistryFormat(V2) });
    await reader.prepare(batch);
    await reader.prepare(batch);
    expect(batch.map((p) => reader.decode(p))).toEqual([
      [1, Decimal.parse('-0.01'), 'XLON'],
      [2, Decimal.parse('5.00'), 'XPAR'],
      [1, Decimal.parse('-0.01'), 'XLON'],
    ]);
    expect(fixture.requests.filter((r) => r.startsWith('GET /schemas/ids/')).sort()).toEqual([`GET /schemas/ids/${oldId}`, `GET /schemas/ids/${newId}`]);
  });

  it('fails bad payloads with SERDE_DECODE and keeps decoding good ones', async () => {
    const id = fixture.register('t-value', V1);
    const reader = await createConfluentCodec({ registry, subject: 't-value', format: avroRegistryFormat(V1) });
    const good = encodeConfluentFrame(id, createAvroCodec({ schema: V1 }).encode([7, Decimal.parse('1.00')]));
    const unknownId = encodeConfluentFrame(42, new Uint8Array([2, 2, 0x64]));
    const plainAvro = createAvroCodec({ schema: V1 }).encode([7, Decimal.parse('1.00')]);
    const truncated = good.subarray(0, 7);
    const at = { topic: 't', partition: 1, offset: 9 };
    await reader.prepare([good, unknownId, plainAvro, truncated]);
    expect(() => reader.decode(unknownId, at)).toThrowError(
      expect.objectContaining({ code: 'SERDE_DECODE', message: 'invalid Confluent-framed record (t[1]@9, byte 1): unknown schema id 42 (the schema registry has no such schema)' }),
    );
    expect(() => reader.decode(plainAvro, at)).toThrowError(expect.objectContaining({ code: 'SERDE_DECODE', message: expect.stringContaining('wrong magic byte 14') }));
    expect(() => reader.decode(truncated, at)).toThrowError(
      expect.objectContaining({
        code: 'SERDE_DECODE',
        message: "invalid Avro record (t[1]@9, byte 6, field 'price'): truncated: the payload (2 bytes) ends inside field 'price' (logical:decimal)",
        location: { ...at, byteOffset: 6, field: 'price' },
      }),
    );
    expect(() => reader.decode(new Uint8Array([...good, 9, 9]), at)).toThrowError(
      expect.objectContaining({ code: 'SERDE_DECODE', message: 'invalid Avro record (t[1]@9, byte 8): 2 trailing bytes after the record' }),
    );
    expect(reader.decode(good, at)).toEqual([7, Decimal.parse('1.00')]);
  });

  it('fails only the records of a writer schema the reader cannot read (a new field without a default)', async () => {
    const strict = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'long' }, { name: 'must', type: 'string' }] });
    const oldId = fixture.register('s-value', V1);
    const newId = fixture.register('s-value', strict);
    const reader = await createConfluentCodec({ registry, subject: 's-value', format: avroRegistryFormat(strict) });
    const old = encodeConfluentFrame(oldId, createAvroCodec({ schema: V1 }).encode([1, Decimal.parse('1.00')]));
    const current = encodeConfluentFrame(newId, createAvroCodec({ schema: strict }).encode([2, 'x']));
    await reader.prepare([old, current]);
    expect(() => reader.decode(old)).toThrowError(expect.objectContaining({ code: 'SERDE_DECODE', message: expect.stringContaining(`schema id ${oldId} cannot be read: the Avro writer schema`) }));
    expect(reader.decode(current)).toEqual([2, 'x']);
  });

  it('refuses to write a schema that is not registered when auto-registration is off', async () => {
    await expect(createConfluentCodec({ registry, subject: 'x-value', format: avroRegistryFormat(V1), mode: 'write', autoRegister: false })).rejects.toMatchObject({ code: 'CONFIG' });
    fixture.register('x-value', V1);
    const writer = await createConfluentCodec({ registry: new SchemaRegistryClient({ url: fixture.url }), subject: 'x-value', format: avroRegistryFormat(V1), mode: 'write', autoRegister: false });
    expect([...writer.encode([1, Decimal.parse('2.00')])]).toEqual([0, 0, 0, 0, 1, 2, 4, 0, 200]);
  });
});
