import { describe, expect, it } from 'vitest';
import {
  Decimal,
  decimalFromAvroBytes,
  decimalFromAvroFixed,
  decimalToAvroBytes,
  decimalToAvroFixed,
} from '../src/index.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

describe('Avro decimal bytes', () => {
  it('encodes the unscaled value as minimal big-endian two’s complement', () => {
    const cases: [string, string][] = [
      ['0', '00'],
      ['1', '01'],
      ['-1', 'ff'],
      ['127', '7f'],
      ['128', '0080'],
      ['-128', '80'],
      ['-129', 'ff7f'],
      ['32767', '7fff'],
      ['-32768', '8000'],
      ['2147483648', '0080000000'],
      ['-2147483649', 'ff7fffffff'],
      ['9007199254740991', '1fffffffffffff'],
      ['-9007199254740992', 'e0000000000000'],
      ['99999999999999999999999999999999999999', '4b3b4ca85a86c47a098a223fffffffff'],
      ['-99999999999999999999999999999999999999', 'b4c4b357a5793b85f675ddc000000001'],
    ];
    for (const [text, expected] of cases) {
      expect([text, hex(decimalToAvroBytes(Decimal.parse(text)))]).toEqual([text, expected]);
      expect(decimalFromAvroBytes(fromHex(expected), 0).toString()).toBe(text);
    }
  });

  it('uses the schema scale, not the text: -12.34 at scale 2 is -1234', () => {
    expect(hex(decimalToAvroBytes(Decimal.parse('-12.34')))).toBe('fb2e');
    expect(decimalFromAvroBytes(fromHex('fb2e'), 2).toString()).toBe('-12.34');
    expect(hex(decimalToAvroBytes(Decimal.parse('-12.3'), 2))).toBe('fb32'); // -1230
    expect(hex(decimalToAvroBytes(Decimal.parse('-12.345'), 2))).toBe('fb2d'); // HALF_UP to -12.35
  });

  it('reads negative values of every length correctly, including over-long sign extension', () => {
    expect(decimalFromAvroBytes(fromHex('ffffffffffffffffff85'), 1).toString()).toBe('-12.3');
    expect(decimalFromAvroBytes(fromHex('80000000000000'), 0).unscaled).toBe(-36028797018963968n);
    expect(decimalFromAvroBytes(fromHex('800000000000'), 0).unscaled).toBe(-140737488355328);
  });

  it('rejects empty bytes and values beyond 38 digits', () => {
    expect(() => decimalFromAvroBytes(new Uint8Array(0), 2)).toThrow('an Avro decimal needs at least one byte');
    expect(() => decimalFromAvroBytes(fromHex('7fffffffffffffffffffffffffffffffff'), 0)).toThrow('exceeds 38 digits');
  });
});

describe('Avro decimal fixed', () => {
  it('sign-extends to the fixed size both ways', () => {
    expect(hex(decimalToAvroFixed(Decimal.parse('-1.5'), 4))).toBe('fffffff1');
    expect(hex(decimalToAvroFixed(Decimal.parse('1.5'), 4))).toBe('0000000f');
    expect(decimalFromAvroFixed(fromHex('fffffff1'), 1).toString()).toBe('-1.5');
    expect(decimalFromAvroFixed(fromHex('0000000f'), 1).toString()).toBe('1.5');
  });

  it('raises NUMERIC_OVERFLOW when the value needs more bytes than the fixed size', () => {
    expect(() => decimalToAvroFixed(Decimal.parse('128'), 1)).toThrow(
      'DECIMAL 128 needs 2 bytes, more than the Avro fixed size 1',
    );
  });
});
