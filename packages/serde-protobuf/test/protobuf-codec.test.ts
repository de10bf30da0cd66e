import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { SqlTypes, arrayType, decimalType, field, mapType, structType } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { createProtobufCodec, protobufSqlSchema } from '../src/index.js';

const PROTO = `
syntax = "proto3";
package trading;
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";
import "google/type/decimal.proto";

enum Side { BUY = 0; SELL = 1; }
message Amount { int64 units = 1; int32 nanos = 2; }
message Leg { string venue = 1; double qty = 2; }
message Trade {
  int64 id = 1;
  string symbol = 2;
  string price = 3;
  Amount notional = 4;
  google.type.Decimal fee = 5;
  google.protobuf.Timestamp at = 6;
  Side side = 7;
  repeated Leg legs = 8;
  map<string, int64> limits = 9;
  map<int64, string> by_id = 10;
  bytes raw = 11;
  google.protobuf.StringValue note = 12;
  optional int32 lot = 13;
  uint64 seq = 14;
  bool ok = 15;
  repeated string tags = 16;
}`;

const DECIMALS = { price: { precision: 12, scale: 2 } };

describe('ProtobufCodec', () => {
  it('maps a message type to SQL columns in field order', () => {
    expect(protobufSqlSchema(PROTO, 'trading.Trade', DECIMALS).fields).toEqual([
      field('id', SqlTypes.BIGINT, false),
      field('symbol', SqlTypes.STRING, false),
      field('price', decimalType(12, 2), false),
      field('notional', decimalType(38, 9)),
      field('fee', decimalType(38, 9)),
      field('at', SqlTypes.TIMESTAMP),
      field('side', SqlTypes.STRING, false),
      field('legs', arrayType(structType([field('venue', SqlTypes.STRING, false), field('qty', SqlTypes.DOUBLE, false)])), false),
      field('limits', mapType(SqlTypes.STRING, SqlTypes.BIGINT), false),
      field('by_id', mapType(SqlTypes.BIGINT, SqlTypes.STRING), false),
      field('raw', SqlTypes.BYTES, false),
      field('note', SqlTypes.STRING),
      field('lot', SqlTypes.BIGINT),
      field('seq', SqlTypes.BIGINT, false),
      field('ok', SqlTypes.BOOLEAN, false),
      field('tags', arrayType(SqlTypes.STRING), false),
    ]);
  });

  it('round-trips every field exactly: 64-bit ints, timestamps, decimals as string and units/nanos, maps, nested', () => {
    const codec = createProtobufCodec({ schema: PROTO, messageType: 'Trade', decimals: DECIMALS });
    const row = [
      -(2n ** 63n),
      'ACME',
      Decimal.parse('-12.50'),
      Decimal.parse('-1234567890.000000001'),
      Decimal.parse('0.000100000'),
      1_700_000_000_123,
      'SELL',
      [{ venue: 'XLON', qty: 1.5 }],
      new Map<string, number | bigint>([['max', 2n ** 60n], ['min', -3]]),
      new Map<number | bigint, string>([[9007199254740993n, 'big'], [-1, 'neg']]),
      new Uint8Array([1, 2, 255]),
      'hello',
      7,
      18446744073709551615n,
      true,
      ['a', 'b'],
    ];
    const decoded = codec.decode(codec.encode(row));
    expect(decoded).toEqual([...row.slice(0, 2), Decimal.parse('-12.50'), Decimal.parse('-1234567890.000000001'), Decimal.parse('0.000100000'), ...row.slice(5)]);
    expect(String(decoded[3])).toBe('-1234567890.000000001');
  });

  it('reads absent message, wrapper and optional fields as NULL and proto3 scalars as their defaults', () => {
    const codec = createProtobufCodec({ schema: PROTO, messageType: 'trading.Trade', decimals: DECIMALS });
    expect(codec.decode(new Uint8Array(0))).toEqual([0, '', null, null, null, null, 'BUY', [], new Map(), new Map(), new Uint8Array(0), null, null, 0, false, []]);
    const withNulls = codec.encode([1, 'X', null, null, null, null, 'BUY', null, null, null, null, null, null, 0, false, null]);
    expect(codec.decode(withNulls)).toEqual([1, 'X', null, null, null, null, 'BUY', [], new Map(), new Map(), new Uint8Array(0), null, null, 0, false, []]);
  });

  it('reads what protobufjs writes and writes what it reads (standard wire format)', () => {
    const root = protobuf.parse('syntax = "proto3"; message P { int64 id = 1; string name = 2; repeated sint32 xs = 3; }', { keepCase: true }).root;
    const P = root.lookupType('P');
    const codec = createProtobufCodec({ schema: 'syntax = "proto3"; message P { int64 id = 1; string name = 2; repeated sint32 xs = 3; }' });
    expect(codec.decode(P.encode({ id: 123456789012, name: 'n', xs: [-1, 2] }).finish())).toEqual([123456789012, 'n', [-1, 2]]);
    const back = P.toObject(P.decode(codec.encode([-5, 'm', [3]])), { longs: String });
    expect(back).toEqual({ id: '-5', name: 'm', xs: [3] });
  });

  it('reports truncated input with its byte offset as SERDE_DECODE', () => {
    const codec = createProtobufCodec({ schema: PROTO, messageType: 'Trade', decimals: DECIMALS });
    const good = codec.encode([1, 'ACME', null, null, null, null, 'BUY', [], null, null, null, null, null, 0, false, []]);
    const at = { topic: 'trades', partition: 0, offset: 4 };
    expect(() => codec.decode(good.subarray(0, 6), at)).toThrowError(
      expect.objectContaining({
        code: 'SERDE_DECODE',
        message: 'invalid Protobuf message (trades[0]@4, byte 4): truncated: index out of range: 4 + 4 > 6',
        location: { ...at, byteOffset: 4 },
      }),
    );
  });

  it('names the field a value does not fit and rejects unknown message types', () => {
    const codec = createProtobufCodec({ schema: PROTO, messageType: 'Trade', decimals: DECIMALS });
    expect(() => codec.encode([1, 'A', null, null, null, null, 'HOLD'])).toThrowError(
      expect.objectContaining({ code: 'SERDE_ENCODE', message: `cannot encode field 'side' as Protobuf: "HOLD" is not a value of the enum Side` }),
    );
    expect(() => codec.encode(['x', 'A'])).toThrowError(
      expect.objectContaining({ code: 'SERDE_ENCODE', message: `cannot encode field 'id' as Protobuf: "x" is not an integer` }),
    );
    expect(() => codec.encode([1, 42])).toThrowError(
      expect.objectContaining({ code: 'SERDE_ENCODE', message: `cannot encode field 'symbol' as Protobuf: number 42 is not a string` }),
    );
    expect(() => createProtobufCodec({ schema: PROTO, messageType: 'Quote' })).toThrowError(
      expect.objectContaining({ code: 'SERDE_SCHEMA', message: "the Protobuf schema has no message type 'Quote' (it has Amount, Leg, Trade)" }),
    );
    expect(() => createProtobufCodec({ schema: 'message {' })).toThrowError(expect.objectContaining({ code: 'SERDE_SCHEMA' }));
  });

  it('knows the Confluent message indexes of top-level and nested types', () => {
    const schema = 'syntax = "proto3"; package p; message A { message B { message C { int32 x = 1; } } } message D { int32 y = 1; }';
    expect(createProtobufCodec({ schema }).messageIndexes).toEqual([0]);
    expect(createProtobufCodec({ schema, messageType: 'p.D' }).messageIndexes).toEqual([1]);
    expect(createProtobufCodec({ schema, messageType: 'p.A.B.C' }).messageIndexes).toEqual([0, 0, 0]);
  });
});
