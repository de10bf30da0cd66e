import { describe, expect, it } from 'vitest';
import { Schema, SqlTypes, arrayType, decimalType, field, mapType, structType } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { avroSqlSchema, createAvroCodec, deriveAvroSchema } from '../src/index.js';

describe('deriveAvroSchema', () => {
  const output = new Schema([
    field('symbol', SqlTypes.STRING, false),
    field('trades', SqlTypes.BIGINT),
    field('avg_price', SqlTypes.DOUBLE),
    field('active', SqlTypes.BOOLEAN, false),
    field('total', decimalType(18, 2)),
    field('window_end', SqlTypes.TIMESTAMP),
    field('day', SqlTypes.DATE, false),
  ]);

  it('names the record after the sink and maps each column as issue 10 says', () => {
    expect(JSON.parse(deriveAvroSchema('trade-stats', output))).toEqual({
      type: 'record',
      name: 'trade_stats',
      fields: [
        { name: 'symbol', type: 'string' },
        { name: 'trades', type: ['null', 'long'], default: null },
        { name: 'avg_price', type: ['null', 'double'], default: null },
        { name: 'active', type: 'boolean' },
        { name: 'total', type: ['null', { type: 'bytes', logicalType: 'decimal', precision: 18, scale: 2 }], default: null },
        { name: 'window_end', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
      ],
    });
  });

  it('gives back the same SQL schema and round-trips rows through it', () => {
    const avroSchema = deriveAvroSchema('stats', output);
    expect(avroSqlSchema(avroSchema)).toEqual(output);
    const codec = createAvroCodec({ schema: avroSchema });
    const row = ['ACME', 2n ** 62n, null, false, Decimal.parse('-0.05'), 1_700_000_000_000, 19_000];
    expect(codec.decode(codec.encode(row))).toEqual(row);
  });

  it('writes nested columns as records, arrays and maps', () => {
    const nested = new Schema([
      field('pos', structType([field('x', SqlTypes.DOUBLE, false), field('y', SqlTypes.DOUBLE, false)]), false),
      field('prices', arrayType(decimalType(10, 2)), false),
      field('limits', mapType(SqlTypes.STRING, SqlTypes.BIGINT), false),
    ]);
    const codec = createAvroCodec({ schema: deriveAvroSchema('geo', nested) });
    const pos = { x: 1.5, y: -2 };
    const limits = new Map([['a', 1]]);
    const row = [pos, [Decimal.parse('1.10'), null], limits];
    expect(codec.schema).toEqual(new Schema([
      field('pos', structType([field('x', SqlTypes.DOUBLE, false), field('y', SqlTypes.DOUBLE, false)]), false),
      field('prices', arrayType(decimalType(10, 2)), false),
      field('limits', mapType(SqlTypes.STRING, SqlTypes.BIGINT), false),
    ]));
    expect(() => codec.encode(row)).toThrowError(expect.objectContaining({ code: 'SERDE_ENCODE', message: expect.stringContaining("field 'prices'") }));
    expect(codec.decode(codec.encode([pos, [Decimal.parse('1.10')], limits]))).toEqual([pos, [Decimal.parse('1.10')], limits]);
  });

  it('makes an Avro name of any sink name', () => {
    expect(JSON.parse(deriveAvroSchema('2024.trades-out', new Schema([field('a', SqlTypes.BIGINT, false)])))).toEqual({
      type: 'record',
      name: '_2024_trades_out',
      fields: [{ name: 'a', type: 'long' }],
    });
  });

  it('refuses a column name that is not an Avro name, suggesting an alias', () => {
    expect(() => deriveAvroSchema('s', new Schema([field('COUNT(*)', SqlTypes.BIGINT)]))).toThrowError(
      expect.objectContaining({ code: 'SERDE_SCHEMA', message: "column 'COUNT(*)' is not a valid Avro name ([A-Za-z_][A-Za-z0-9_]*): give it an alias with AS" }),
    );
  });

  it('refuses unions of several non-null branches when mapping to SQL', () => {
    const schema = JSON.stringify({ type: 'record', name: 'U', fields: [{ name: 'v', type: ['string', 'long'] }] });
    expect(() => avroSqlSchema(schema)).toThrowError(
      expect.objectContaining({ code: 'SERDE_SCHEMA', message: `'v' is a union of string, long: only ["null", T] unions map to SQL types` }),
    );
  });
});
