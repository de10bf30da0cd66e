import { describe, expect, it } from 'vitest';
import { Schema, SqlTypes, arrayType, decimalType, field, mapType, structType } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { JsonCodec } from '../src/index.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (payload: Uint8Array): string => new TextDecoder().decode(payload);

describe('JsonCodec', () => {
  const schema = new Schema([
    field('id', SqlTypes.BIGINT),
    field('price', decimalType(10, 2)),
    field('at', SqlTypes.TIMESTAMP),
    field('day', SqlTypes.DATE),
    field('tags', arrayType(SqlTypes.STRING)),
    field('limits', mapType(SqlTypes.STRING, SqlTypes.BIGINT)),
    field('venue', structType([field('mic', SqlTypes.STRING)])),
  ]);

  it('decodes to a declared schema (casts, exact decimals, big integers) and encodes back exactly', () => {
    const codec = JsonCodec.declared(schema);
    const row = codec.decode(
      bytes('{"id":9223372036854775807,"price":"-12.5","at":"2024-01-02T03:04:05.678Z","day":"2024-01-02","tags":["a"],"limits":{"x":1},"venue":{"mic":"XLON"}}'),
    );
    expect(row).toEqual([9223372036854775807n, Decimal.parse('-12.50'), 1704164645678, 19724, ['a'], new Map([['x', 1]]), { mic: 'XLON' }]);
    expect(text(codec.encode(row))).toBe(
      '{"id":9223372036854775807,"price":-12.50,"at":1704164645678,"day":"2024-01-02","tags":["a"],"limits":{"x":1},"venue":{"mic":"XLON"}}',
    );
    expect(codec.decode(codec.encode(row))).toEqual(row);
  });

  it('ignores keys that are not columns (nested values included) and keeps the last of a repeated key', () => {
    const codec = JsonCodec.declared(new Schema([field('a', SqlTypes.BIGINT), field('b', SqlTypes.STRING)]));
    expect(codec.decode(bytes('{"x":{"deep":[1,{"y":2.5}]},"a":1,"b":"one","a":2}'))).toEqual([2, 'one']);
    expect(codec.decode(bytes(' { } '))).toEqual([null, null]);
    expect(codec.decode(bytes('{"b":null}'))).toEqual([null, null]);
  });

  it('infers the columns from sample payloads, skipping unparsable samples, and reads missing keys as NULL', () => {
    const codec = JsonCodec.inferred([bytes('{"a":1,"b":2.50}'), bytes('not json'), bytes('{"c":true}')]);
    expect(codec.schema).toEqual(new Schema([field('a', SqlTypes.BIGINT), field('b', decimalType(38, 2)), field('c', SqlTypes.BOOLEAN)]));
    expect(codec.decode(bytes('{"b":0.01}'))).toEqual([null, Decimal.parse('0.01'), null]);
  });

  it('fails bad input with SERDE_DECODE and the byte offset of the error, a bad value with CAST_FAILED naming the field', () => {
    const codec = JsonCodec.declared(schema);
    const at = { topic: 'orders', partition: 3, offset: 11 };
    expect(() => codec.decode(bytes('{"id": 1, "price": }'), at)).toThrowError(
      expect.objectContaining({ code: 'SERDE_DECODE', location: { ...at, byteOffset: 19 } }),
    );
    expect(() => codec.decode(bytes('[1]'), at)).toThrowError(
      expect.objectContaining({ code: 'SERDE_DECODE', message: 'invalid JSON record (orders[3]@11, byte 0): expected a JSON object, found an array' }),
    );
    expect(() => codec.decode(new Uint8Array([0x7b, 0xff, 0x7d]), at)).toThrowError(expect.objectContaining({ code: 'SERDE_DECODE', message: 'invalid JSON record (orders[3]@11): not UTF-8 text' }));
    expect(() => codec.decode(bytes('{"id":"ten"}'), at)).toThrowError(
      expect.objectContaining({ code: 'CAST_FAILED', message: `field 'id' value "ten" cannot be cast to BIGINT`, location: { ...at, field: 'id' } }),
    );
  });
});
