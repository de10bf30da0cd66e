import { describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { createAvroCodec } from '../src/index.js';

const V1 = JSON.stringify({
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'legacy_code', type: 'string' },
    { name: 'qty', type: 'int' },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
  ],
});

const V2 = JSON.stringify({
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'qty', type: 'long' },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 4 } },
    { name: 'currency', type: 'string', default: 'EUR' },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});

describe('Avro writer → reader schema resolution', () => {
  it('reads old records with a newer schema: removed field dropped, added fields defaulted, int promoted, decimal rescaled', () => {
    const writer = createAvroCodec({ schema: V1 });
    const reader = createAvroCodec({ schema: V2, writerSchema: V1 });
    const payload = writer.encode([42, 'X-1', 3, Decimal.parse('-19.99')]);
    expect(reader.schema.names).toEqual(['id', 'qty', 'price', 'currency', 'note']);
    expect(reader.decode(payload)).toEqual([42, 3, Decimal.parse('-19.9900'), 'EUR', null]);
  });

  it('reads new records with an older schema when the fields it needs are there', () => {
    const v3 = JSON.stringify({
      type: 'record',
      name: 'Order',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'qty', type: 'int' },
        { name: 'extra', type: 'string' },
      ],
    });
    const v2reader = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'long' }, { name: 'qty', type: 'long' }] });
    const payload = createAvroCodec({ schema: v3 }).encode([2n ** 60n, 5, 'dropped']);
    expect(createAvroCodec({ schema: v2reader, writerSchema: v3 }).decode(payload)).toEqual([2n ** 60n, 5]);
  });

  it('refuses a reader schema that cannot read the writer (a new field without a default)', () => {
    const noDefault = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'long' }, { name: 'required', type: 'string' }] });
    expect(() => createAvroCodec({ schema: noDefault, writerSchema: V1 })).toThrowError(expect.objectContaining({ code: 'SERDE_SCHEMA' }));
  });
});
