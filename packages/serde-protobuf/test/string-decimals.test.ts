import fc from 'fast-check';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { Schema, SqlTypes, decimalType, field, structType } from '@velots/core';
import { createProtobufCodec, decimalFieldsOf } from '../src/index.js';

const SCHEMA = 'syntax = "proto3"; message P { string price = 1; }';
const P = protobuf.parse(SCHEMA, { keepCase: true }).root.lookupType('P');

describe('decimals written as strings', () => {
  it('read exactly as Decimal.parse at the declared scale (half up), whatever the text', () => {
    for (const scale of [0, 2, 4]) {
      const codec = createProtobufCodec({ schema: SCHEMA, decimals: { price: { precision: 38, scale } } });
      fc.assert(
        fc.property(
          fc.boolean(),
          fc.stringMatching(/^[0-9]{1,20}$/),
          fc.option(fc.stringMatching(/^[0-9]{1,8}$/), { nil: undefined }),
          (negative, whole, fraction) => {
            const text = `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`;
            const decoded = codec.decode(P.encode({ price: text }).finish())[0] as Decimal;
            const expected = Decimal.parse(text).rescale(scale);
            expect(decoded.toString()).toBe(expected.toString());
            expect(decoded.scale).toBe(scale);
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('reads an empty string as NULL and fails text that is not a number', () => {
    const codec = createProtobufCodec({ schema: SCHEMA, decimals: { price: { precision: 10, scale: 2 } } });
    expect(codec.decode(P.encode({ price: '' }).finish())).toEqual([null]);
    expect(codec.decode(P.encode({ price: '1e3' }).finish())).toEqual([Decimal.parse('1000.00')]);
    expect(() => codec.decode(P.encode({ price: 'abc' }).finish(), { topic: 'p', partition: 0, offset: 1 })).toThrowError(
      expect.objectContaining({ code: 'SERDE_DECODE', message: expect.stringContaining('invalid Protobuf message (p[0]@1): a field value cannot be read') }),
    );
  });
});

describe('decimalFieldsOf', () => {
  it('names the DECIMAL columns of a declared schema, nested STRUCT fields by dotted path', () => {
    const declared = new Schema([
      field('id', SqlTypes.BIGINT),
      field('price', decimalType(12, 2)),
      field('leg', structType([field('fee', decimalType(8, 4)), field('venue', SqlTypes.STRING)])),
    ]);
    expect(decimalFieldsOf(declared.fields)).toEqual({ price: { precision: 12, scale: 2 }, 'leg.fee': { precision: 8, scale: 4 } });
  });
});
