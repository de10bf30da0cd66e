import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '@velots/decimal';
import { SqlTypes, arrayType, decimalType, hasErrorCode, mapType, structType, field, type SqlType, type SqlValue } from '@velots/core';
import { SCALED_INTEGER_TYPE, canCast, castValue, compileCast } from '../../src/values/cast.js';
import { compareValues } from '../../src/values/compare.js';

const { BIGINT, DOUBLE, STRING, BOOLEAN, DATE, TIMESTAMP, INTERVAL, NULL, BYTES } = SqlTypes;
const dec = (text: string) => Decimal.parse(text);
const text = (v: SqlValue): string => String(v);

function castError(v: SqlValue, from: SqlType, to: SqlType): unknown {
  try {
    castValue(v, from, to);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('castValue from STRING', () => {
  it('reads booleans as true/t/1/false/f/0 in any case', () => {
    expect(castValue('T', STRING, BOOLEAN)).toBe(true);
    expect(castValue('false', STRING, BOOLEAN)).toBe(false);
    expect(castValue('0', STRING, BOOLEAN)).toBe(false);
    expect(hasErrorCode(castError('yes', STRING, BOOLEAN), 'CAST_FAILED')).toBe(true);
  });

  it('reads the four date layouts and timestamps', () => {
    expect(castValue('2024-03-15', STRING, DATE)).toBe(19797);
    expect(castValue('03/15/2024', STRING, DATE)).toBe(19797);
    expect(castValue('15-03-2024', STRING, DATE)).toBe(19797);
    expect(castValue('2024-03-15T10:30:00Z', STRING, DATE)).toBe(19797);
    expect(castValue('2024-03-15 10:30:00.5', STRING, TIMESTAMP)).toBe(1710498600500);
    expect(castValue('2024-03-15', STRING, TIMESTAMP)).toBe(1710460800000);
    expect(castValue('1710498600000', STRING, TIMESTAMP)).toBe(1710498600000);
  });

  it('reads integers, rounding a fraction half away from zero, and checks the BIGINT range', () => {
    expect(castValue(' 42 ', STRING, BIGINT)).toBe(42);
    expect(castValue('-2.5', STRING, BIGINT)).toBe(-3);
    expect(castValue('9223372036854775807', STRING, BIGINT)).toBe(9223372036854775807n);
    const e = castError('9223372036854775808', STRING, BIGINT);
    expect(hasErrorCode(e, 'CAST_FAILED')).toBe(true);
    expect((e as Error).message).toMatch(/^cannot cast '9223372036854775808' from STRING to BIGINT/);
    expect(hasErrorCode(castError('12abc', STRING, BIGINT), 'CAST_FAILED')).toBe(true);
  });

  it('reads doubles and decimals at the target scale (HALF_UP)', () => {
    expect(castValue('1e3', STRING, DOUBLE)).toBe(1000);
    expect(castValue('-Infinity', STRING, DOUBLE)).toBe(-Infinity);
    expect(hasErrorCode(castError('', STRING, DOUBLE), 'CAST_FAILED')).toBe(true);
    expect(text(castValue('12.345', STRING, decimalType(10, 2)))).toBe('12.35');
    expect(text(castValue('-12.345', STRING, decimalType(10, 2)))).toBe('-12.35');
    expect(text(castValue('7', STRING, decimalType(5, 2)))).toBe('7.00');
    expect(text(castValue('1.5', STRING, SCALED_INTEGER_TYPE))).toBe('1.5000');
  });

  it('fails beyond the target precision with CAST_FAILED', () => {
    const e = castError('1234.5', STRING, decimalType(5, 2));
    expect(hasErrorCode(e, 'CAST_FAILED')).toBe(true);
    expect((e as Error).message).toContain("cannot cast '1234.5' from STRING to DECIMAL(5,2)");
  });
});

describe('castValue between numbers', () => {
  it('rounds DOUBLE to BIGINT half away from zero', () => {
    expect(castValue(2.5, DOUBLE, BIGINT)).toBe(3);
    expect(castValue(-2.5, DOUBLE, BIGINT)).toBe(-3);
    expect(castValue(2.4999, DOUBLE, BIGINT)).toBe(2);
    expect(castValue(-0.4, DOUBLE, BIGINT)).toBe(0);
    expect(castValue(2 ** 60, DOUBLE, BIGINT)).toBe(2n ** 60n);
    expect(hasErrorCode(castError(NaN, DOUBLE, BIGINT), 'CAST_FAILED')).toBe(true);
    expect(hasErrorCode(castError(1e19, DOUBLE, BIGINT), 'CAST_FAILED')).toBe(true);
  });

  it('converts DECIMAL exactly', () => {
    expect(castValue(dec('2.50'), decimalType(3, 2), BIGINT)).toBe(3);
    expect(castValue(dec('-2.49'), decimalType(3, 2), BIGINT)).toBe(-2);
    expect(castValue(dec('0.1'), decimalType(2, 1), DOUBLE)).toBe(0.1);
    expect(text(castValue(dec('1.005'), decimalType(4, 3), decimalType(4, 2)))).toBe('1.01');
    expect(text(castValue(0.145, DOUBLE, decimalType(3, 2)))).toBe('0.15');
    expect(text(castValue(12, BIGINT, decimalType(4, 2)))).toBe('12.00');
    expect(hasErrorCode(castError(123, BIGINT, decimalType(4, 2)), 'CAST_FAILED')).toBe(true);
    expect(hasErrorCode(castError(Infinity, DOUBLE, decimalType(4, 2)), 'CAST_FAILED')).toBe(true);
  });

  it('maps booleans to 1/0 and numbers to booleans', () => {
    expect(castValue(true, BOOLEAN, BIGINT)).toBe(1);
    expect(castValue(0, BIGINT, BOOLEAN)).toBe(false);
    expect(castValue(dec('0.01'), decimalType(3, 2), BOOLEAN)).toBe(true);
  });
});

describe('castValue with time types', () => {
  it('reads BIGINT as epoch milliseconds', () => {
    expect(castValue(1710498600000, BIGINT, TIMESTAMP)).toBe(1710498600000);
    expect(castValue(1710498600000, TIMESTAMP, BIGINT)).toBe(1710498600000);
    expect(castValue(1710498600123, TIMESTAMP, DATE)).toBe(19797);
    expect(castValue(-1, TIMESTAMP, DATE)).toBe(-1);
    expect(castValue(19797, DATE, TIMESTAMP)).toBe(1710460800000);
    expect(castValue(5000, BIGINT, INTERVAL)).toBe(5000);
  });
});

describe('castValue to STRING', () => {
  it('writes each type in its canonical text', () => {
    expect(castValue(dec('1.50'), decimalType(4, 2), STRING)).toBe('1.50');
    expect(castValue(1710498600000, TIMESTAMP, STRING)).toBe('2024-03-15T10:30:00');
    expect(castValue(1710498600120, TIMESTAMP, STRING)).toBe('2024-03-15T10:30:00.120');
    expect(castValue(19797, DATE, STRING)).toBe('2024-03-15');
    expect(castValue(true, BOOLEAN, STRING)).toBe('true');
    expect(castValue(2n ** 63n - 1n, BIGINT, STRING)).toBe('9223372036854775807');
    expect(castValue(1.5, DOUBLE, STRING)).toBe('1.5');
    expect(castValue(new TextEncoder().encode('hé'), BYTES, STRING)).toBe('hé');
  });

  it('writes composites as JSON, with exact decimals and ISO timestamps', () => {
    expect(castValue([1, null, 3], arrayType(BIGINT), STRING)).toBe('[1,null,3]');
    expect(castValue(new Map([['a', dec('1.10')]]), mapType(STRING, decimalType(3, 2)), STRING)).toBe('{"a":1.10}');
    const t = structType([field('at', TIMESTAMP), field('n', STRING)]);
    expect(castValue({ at: 0, n: 'x"y' }, t, STRING)).toBe('{"at":"1970-01-01T00:00:00","n":"x\\"y"}');
  });
});

describe('compileCast and canCast', () => {
  it('gives NULL for NULL, whatever the types', () => {
    expect(castValue(null, STRING, BIGINT)).toBeNull();
    expect(castValue(null, NULL, decimalType(3, 1))).toBeNull();
    expect(castValue(null, BIGINT, STRING)).toBeNull();
  });

  it('casts arrays element by element', () => {
    expect(castValue(['1', null, '3'], arrayType(STRING), arrayType(BIGINT))).toEqual([1, null, 3]);
  });

  it('reads JSON text into arrays, maps and structs', () => {
    expect(castValue('[1, "2", null]', STRING, arrayType(BIGINT))).toEqual([1, 2, null]);
    expect(text((castValue('[1.10]', STRING, arrayType(decimalType(5, 2))) as SqlValue[])[0] ?? null)).toBe('1.10');
    expect(castValue('{"a": true, "b": "f"}', STRING, mapType(STRING, BOOLEAN))).toEqual(new Map([['a', true], ['b', false]]));
    const t = structType([field('id', BIGINT), field('tags', arrayType(STRING)), field('at', TIMESTAMP)]);
    expect(castValue('{"id": 7, "tags": ["x", 1], "at": "1970-01-01T00:00:01Z"}', STRING, t)).toEqual({ id: 7, tags: ['x', '1'], at: 1000 });
    expect(castValue('{"id": 7}', STRING, t)).toEqual({ id: 7, tags: null, at: null });
    expect(hasErrorCode(castError('[1, "x"]', STRING, arrayType(BIGINT)), 'CAST_FAILED')).toBe(true);
    expect(hasErrorCode(castError('{"a":1}', STRING, arrayType(BIGINT)), 'CAST_FAILED')).toBe(true);
    expect(hasErrorCode(castError('not json', STRING, arrayType(BIGINT)), 'CAST_FAILED')).toBe(true);
  });

  it('rejects impossible casts at compile time', () => {
    expect(canCast(BOOLEAN, DATE)).toBe(false);
    expect(canCast(arrayType(BIGINT), BIGINT)).toBe(false);
    expect(canCast(STRING, DATE)).toBe(true);
    expect(() => compileCast(BOOLEAN, TIMESTAMP)).toThrow(/cannot cast BOOLEAN to TIMESTAMP/);
  });

  it('round-trips BIGINT, DECIMAL and TIMESTAMP through STRING', () => {
    const toText = compileCast(decimalType(12, 3), STRING);
    const fromText = compileCast(STRING, decimalType(12, 3));
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12) + 1, max: 10 ** 12 - 1 }), (u) => {
        const d = Decimal.fromUnscaled(u, 3);
        expect(compareValues(fromText(toText(d)), d)).toBe(0);
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (b) => {
        const v = b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
        expect(castValue(castValue(v, BIGINT, STRING), STRING, BIGINT)).toBe(v);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e13 }), (ms) => {
        expect(castValue(castValue(ms, TIMESTAMP, STRING), STRING, TIMESTAMP)).toBe(ms);
      }),
    );
  });
});
