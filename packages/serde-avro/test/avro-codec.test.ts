import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { SqlTypes, decimalType, type Row } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { createAvroCodec } from '../src/index.js';

const record = (fields: readonly object[], name = 'Trade'): string => JSON.stringify({ type: 'record', name, fields });

const ALL_TYPES = record([
  { name: 'id', type: 'long' },
  { name: 'qty', type: 'int' },
  { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
  { name: 'notional', type: { type: 'fixed', name: 'Notional', size: 16, logicalType: 'decimal', precision: 38, scale: 4 } },
  { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
  { name: 'ts_us', type: { type: 'long', logicalType: 'timestamp-micros' } },
  { name: 'day', type: ['null', { type: 'int', logicalType: 'date' }] },
  { name: 'trade_id', type: { type: 'string', logicalType: 'uuid' } },
  { name: 'side', type: { type: 'enum', name: 'Side', symbols: ['BUY', 'SELL'] } },
  { name: 'rate', type: 'double' },
  { name: 'ok', type: 'boolean' },
  { name: 'raw', type: 'bytes' },
  { name: 'tags', type: { type: 'array', items: 'string' } },
  { name: 'limits', type: { type: 'map', values: 'long' } },
  { name: 'venue', type: ['null', { type: 'record', name: 'Venue', fields: [{ name: 'mic', type: 'string' }, { name: 'lot', type: 'int' }] }] },
]);

const SAMPLE: Row = [
  9007199254740993n,
  -7,
  Decimal.parse('-12345.67'),
  Decimal.parse('-123456789012345678901234.5678'),
  1_700_000_000_123,
  -1_234,
  19_700,
  '3c0e6a3f-5d2c-4b0a-9d9c-6a1f2b3c4d5e',
  'SELL',
  0.25,
  true,
  new Uint8Array([0, 255, 7]),
  ['a', 'b'],
  new Map<string, number | bigint>([['max', -(2n ** 63n)], ['min', 3]]),
  { mic: 'XLON', lot: 100 },
];

describe('AvroCodec', () => {
  it('maps Avro types to SQL columns, ["null", T] as nullable T', () => {
    const codec = createAvroCodec({ schema: ALL_TYPES });
    const columns = codec.schema.fields.map((f) => [f.name, f.type, f.nullable]);
    expect(columns).toEqual([
      ['id', SqlTypes.BIGINT, false],
      ['qty', SqlTypes.BIGINT, false],
      ['price', decimalType(12, 2), false],
      ['notional', decimalType(38, 4), false],
      ['ts', SqlTypes.TIMESTAMP, false],
      ['ts_us', SqlTypes.TIMESTAMP, false],
      ['day', SqlTypes.DATE, true],
      ['trade_id', SqlTypes.STRING, false],
      ['side', SqlTypes.STRING, false],
      ['rate', SqlTypes.DOUBLE, false],
      ['ok', SqlTypes.BOOLEAN, false],
      ['raw', SqlTypes.BYTES, false],
      ['tags', { kind: 'ARRAY', element: SqlTypes.STRING }, false],
      ['limits', { kind: 'MAP', key: SqlTypes.STRING, value: SqlTypes.BIGINT }, false],
      [
        'venue',
        { kind: 'STRUCT', fields: [{ name: 'mic', type: SqlTypes.STRING, nullable: false }, { name: 'lot', type: SqlTypes.BIGINT, nullable: false }] },
        true,
      ],
    ]);
  });

  it('round-trips every type exactly, negative decimals in bytes and fixed and longs beyond 2^53 included', () => {
    const codec = createAvroCodec({ schema: ALL_TYPES });
    const decoded = codec.decode(codec.encode(SAMPLE));
    expect(decoded).toEqual(SAMPLE);
    expect(String(decoded[2])).toBe('-12345.67');
    expect(String(decoded[3])).toBe('-123456789012345678901234.5678');
    expect(decoded[13]).toEqual(new Map<string, number | bigint>([['max', -(2n ** 63n)], ['min', 3]]));
  });

  it('keeps longs at the 64-bit limits exact and safe integers as numbers', () => {
    const codec = createAvroCodec({ schema: record([{ name: 'v', type: 'long' }], 'L') });
    for (const v of [0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2n ** 53n, 2n ** 63n - 1n, -(2n ** 63n), 4503599627370496, -4503599627370497]) {
      expect(codec.decode(codec.encode([v]))).toEqual([v]);
    }
  });

  it('writes what raw avsc reads and reads what raw avsc writes (the wire format is standard Avro)', () => {
    const schema = record([
      { name: 'id', type: 'long' },
      { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 3 } },
      { name: 'name', type: ['null', 'string'] },
    ]);
    const raw = avro.Type.forSchema(JSON.parse(schema) as avro.Schema);
    const codec = createAvroCodec({ schema });
    const written = raw.toBuffer({ id: 123456789, price: Buffer.from([0xff, 0x85]), name: 'x' });
    expect(codec.decode(written)).toEqual([123456789, Decimal.parse('-0.123'), 'x']);
    expect(raw.fromBuffer(Buffer.from(codec.encode([-5, Decimal.parse('1.5'), null])))).toEqual({ id: -5, price: Buffer.from([0x05, 0xdc]), name: null });
  });

  it('floors timestamp-micros to milliseconds and writes milliseconds back as micros', () => {
    const codec = createAvroCodec({ schema: record([{ name: 't', type: { type: 'long', logicalType: 'timestamp-micros' } }], 'M') });
    const raw = avro.Type.forSchema({ type: 'record', name: 'M', fields: [{ name: 't', type: 'long' }] });
    expect(codec.decode(raw.toBuffer({ t: 1_700_000_000_123_999 }))).toEqual([1_700_000_000_123]);
    expect(codec.decode(raw.toBuffer({ t: -1 }))).toEqual([-1]);
    expect(raw.fromBuffer(Buffer.from(codec.encode([1_700_000_000_123])))).toEqual({ t: 1_700_000_000_123_000 });
  });

  it('rescales decimals to the schema scale when writing (half up) and fails a fixed that is too small', () => {
    const codec = createAvroCodec({
      schema: record([
        { name: 'a', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
        { name: 'b', type: { type: 'fixed', name: 'F2', size: 2, logicalType: 'decimal', precision: 4, scale: 0 } },
      ]),
    });
    expect(codec.decode(codec.encode([Decimal.parse('-1.005'), 7]))).toEqual([Decimal.parse('-1.01'), Decimal.parse('7')]);
    expect(() => codec.encode([Decimal.parse('1'), Decimal.parse('40000')])).toThrowError(
      expect.objectContaining({ code: 'SERDE_ENCODE', message: expect.stringContaining("field 'b'") }),
    );
  });

  it('names the field whose value the schema cannot hold', () => {
    const codec = createAvroCodec({ schema: record([{ name: 'id', type: 'long' }, { name: 'qty', type: 'int' }]) });
    expect(() => codec.encode([1, 'ten'])).toThrowError(
      expect.objectContaining({ code: 'SERDE_ENCODE', message: `cannot encode field 'qty' as Avro: "ten" is not a valid int` }),
    );
  });
});
