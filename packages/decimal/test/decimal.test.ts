import { isDecimalValue } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/index.js';

const d = (text: string): Decimal => Decimal.parse(text);

function codeOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return (error as { code: unknown }).code;
  }
  throw new Error('expected an error');
}

describe('Decimal arithmetic', () => {
  it('adds and subtracts at scale max(s1, s2)', () => {
    const a = d('12.345');
    const b = Decimal.parse('7', { precision: 10, scale: 2 });
    expect(a.add(b).toString()).toBe('19.345');
    expect(a.sub(b).toString()).toBe('5.345');
    expect(b.sub(a).toString()).toBe('-5.345');
    expect(d('0.1').add(d('0.2')).toString()).toBe('0.3');
    expect(d('1.50').sub(d('1.5')).toString()).toBe('0.00');
  });

  it('multiplies at scale s1 + s2', () => {
    expect(d('12.345').mul(d('7.00')).toString()).toBe('86.41500');
    expect(d('-1.5').mul(d('0.0')).toString()).toBe('0.00');
    expect(Object.is(d('-1.5').mul(d('0')).unscaled, 0)).toBe(true);
    expect(d('19.99').mul(d('3')).toString()).toBe('59.97');
  });

  it('caps the product scale at 38, rounding half away from zero', () => {
    const tiny = d(`0.${'0'.repeat(19)}5`); // 5e-20, scale 20
    expect(tiny.mul(tiny).toString()).toBe(`0.${'0'.repeat(38)}`); // 2.5e-39 rounds to 0 at scale 38
    const third = d(`0.${'0'.repeat(18)}15`); // 1.5e-19, scale 20
    expect(third.mul(d(`0.${'0'.repeat(18)}5`)).toString()).toBe(`0.${'0'.repeat(36)}08`); // 1.5e-19 × 5e-19 = 7.5e-38 at scale 39 → 8e-38
  });

  it('divides at scale max(6, s1 + p2 + 1), half away from zero', () => {
    expect(d('12.345').div(d('7.00')).toString()).toBe('1.7635714'); // scale 3 + 3 + 1 = 7
    expect(d('1').div(d('3')).toString()).toBe('0.333333'); // scale max(6, 0 + 1 + 1)
    expect(d('2').div(d('3')).toString()).toBe('0.666667');
    expect(d('-2').div(d('3')).toString()).toBe('-0.666667');
    expect(d('1').div(d('0.05')).toString()).toBe('20.000000'); // p2 = max(1 digit, scale 2) = 2
    expect(d('10').div(d('4')).toString()).toBe('2.500000');
  });

  it('divides at an explicit scale and rounding mode', () => {
    expect(d('12.345').div(d('7.00'), { scale: 10, rounding: 'HALF_EVEN' }).toString()).toBe('1.7635714286');
    expect(d('1').div(d('8'), { scale: 2, rounding: 'HALF_EVEN' }).toString()).toBe('0.12');
    expect(d('1').div(d('8'), { scale: 2 }).toString()).toBe('0.13');
    expect(d('-1').div(d('8'), { scale: 2 }).toString()).toBe('-0.13');
    expect(d('-1').div(d('8'), { scale: 2, rounding: 'HALF_EVEN' }).toString()).toBe('-0.12');
    expect(d('7').div(d('2'), { scale: 0 }).toString()).toBe('4');
  });

  it('raises DIVISION_BY_ZERO for a zero divisor at any scale', () => {
    expect(codeOf(() => d('1').div(d('0')))).toBe('DIVISION_BY_ZERO');
    expect(codeOf(() => d('1').div(d('0.000')))).toBe('DIVISION_BY_ZERO');
    expect(codeOf(() => d('123456789012345678901234567890').div(d('0')))).toBe('DIVISION_BY_ZERO');
    expect(codeOf(() => d('1').mod(d('0.0')))).toBe('DIVISION_BY_ZERO');
  });

  it('takes the remainder with the sign of the dividend, at scale max(s1, s2)', () => {
    expect(d('10').mod(d('3')).toString()).toBe('1');
    expect(d('-10').mod(d('3')).toString()).toBe('-1');
    expect(d('10').mod(d('-3')).toString()).toBe('1');
    expect(d('5.5').mod(d('2')).toString()).toBe('1.5');
    expect(d('7.25').mod(d('0.5')).toString()).toBe('0.25');
    expect(d('-6').mod(d('3')).toString()).toBe('0');
    expect(Object.is(d('-6').mod(d('3')).unscaled, 0)).toBe(true);
  });

  it('raises NUMERIC_OVERFLOW instead of wrapping past 38 digits', () => {
    const max = d('9'.repeat(38));
    expect(codeOf(() => max.add(d('1')))).toBe('NUMERIC_OVERFLOW');
    expect(codeOf(() => max.neg().sub(d('1')))).toBe('NUMERIC_OVERFLOW');
    expect(codeOf(() => d('1e20').mul(d('1e18')))).toBe('NUMERIC_OVERFLOW');
    expect(codeOf(() => max.div(d('0.1')))).toBe('NUMERIC_OVERFLOW');
    expect(max.sub(d('1')).toString()).toBe(`${'9'.repeat(37)}8`);
  });

  it('negates, takes absolute values and signs', () => {
    expect(d('1.50').neg().toString()).toBe('-1.50');
    expect(d('-1.50').neg().toString()).toBe('1.50');
    expect(Object.is(d('0.0').neg().unscaled, 0)).toBe(true);
    expect(d('-3.2').abs().toString()).toBe('3.2');
    expect(d('3.2').abs().toString()).toBe('3.2');
    expect([d('-0.01').sign(), d('0.00').sign(), d('99999999999999999999').sign()]).toEqual([-1, 0, 1]);
    expect(d('0.000').isZero()).toBe(true);
    expect(d('0.001').isZero()).toBe(false);
  });
});

describe('Decimal rounding to a scale', () => {
  it('rounds half away from zero, truncates, floors and ceils', () => {
    expect(d('2.345').round(2).toString()).toBe('2.35');
    expect(d('-2.345').round(2).toString()).toBe('-2.35');
    expect(d('2.345').truncate(2).toString()).toBe('2.34');
    expect(d('-2.349').truncate(2).toString()).toBe('-2.34');
    expect(d('-2.341').floor(2).toString()).toBe('-2.35');
    expect(d('2.341').ceil(2).toString()).toBe('2.35');
    expect(d('-2.5').floor().toString()).toBe('-3');
    expect(d('-2.5').ceil().toString()).toBe('-2');
    expect(d('2.5').round(4).toString()).toBe('2.5000');
  });

  it('rounds to tens and hundreds with a negative scale', () => {
    expect(d('1234.5').round(-2).toString()).toBe('1200');
    expect(d('1250').round(-2).toString()).toBe('1300');
    expect(d('-1250').round(-2).toString()).toBe('-1300');
    expect(d('1299').truncate(-2).toString()).toBe('1200');
  });

  it('rescales exactly upward and with a chosen rounding downward', () => {
    expect(d('1.5').rescale(3).toString()).toBe('1.500');
    expect(d('1.25').rescale(1).toString()).toBe('1.3');
    expect(d('1.25').rescale(1, 'HALF_EVEN').toString()).toBe('1.2');
    expect(d('1.35').rescale(1, 'HALF_EVEN').toString()).toBe('1.4');
    expect(d('-1.25').rescale(1, 'HALF_DOWN').toString()).toBe('-1.2');
    expect(d('9007199254740991').rescale(2).unscaled).toBe(900719925474099100n);
    expect(d('9007199254740991.00').rescale(0).unscaled).toBe(9007199254740991);
  });

  it('coerces to a DECIMAL(p, s) type or raises NUMERIC_OVERFLOW', () => {
    expect(d('123.456').coerce(5, 2).toString()).toBe('123.46');
    expect(codeOf(() => d('1234.5').coerce(5, 2))).toBe('NUMERIC_OVERFLOW');
    expect(codeOf(() => d('999.995').coerce(5, 2))).toBe('NUMERIC_OVERFLOW');
  });
});

describe('Decimal comparison, equality and hashing', () => {
  it('compares numerically across scales', () => {
    expect(d('1.1').compare(d('1.10'))).toBe(0);
    expect(d('1.09').compare(d('1.1'))).toBe(-1);
    expect(d('-1').compare(d('-1.0001'))).toBe(1);
    expect(Decimal.compare(d('99999999999999999999.1'), d('99999999999999999999.09'))).toBe(1);
    expect(Decimal.compare(d('9007199254740991'), d('9007199254740991.5'))).toBe(-1);
  });

  it('treats 1.1 and 1.10 as one group key', () => {
    expect(d('1.1').equals(d('1.10'))).toBe(true);
    expect(d('1.1').hashKey()).toBe(d('1.10').hashKey());
    expect(d('1.1').hashKey()).toBe('1.1');
    expect(d('100').hashKey()).toBe('100');
    expect(d('0.000').hashKey()).toBe('0');
    expect(d('-2.500').hashKey()).toBe('-2.5');
    expect(d('12345678901234567890.1000').hashKey()).toBe('12345678901234567890.1');
    expect(d('1.1').hashKey()).not.toBe(d('1.01').hashKey());
  });

  it('picks the least and greatest values', () => {
    expect(Decimal.min(d('2'), d('-1.5'), d('0')).toString()).toBe('-1.5');
    expect(Decimal.max(d('2'), d('2.00'), d('-1.5')).toString()).toBe('2');
  });
});

describe('Decimal text and identity', () => {
  it('formats plainly at the value scale, never with an exponent', () => {
    expect(d('1.50').toString()).toBe('1.50');
    expect(d('1e-7').toString()).toBe('0.0000001');
    expect(d('1e20').toString()).toBe('100000000000000000000');
    expect(d('-0.010').toFixedString()).toBe('-0.010');
    expect(`${d('3.14')}`).toBe('3.14');
    expect(JSON.stringify({ price: d('12.50') })).toBe('{"price":"12.50"}');
  });

  it('refuses to be used as a JS number', () => {
    const value = d('1.5') as unknown as number;
    expect(codeOf(() => value * 2)).toBe('TYPE_MISMATCH');
    expect(codeOf(() => +value)).toBe('TYPE_MISMATCH');
  });

  it('reports digits and whether a precision fits', () => {
    expect(d('12.345').precision()).toBe(5);
    expect(d('0.00').precision()).toBe(1);
    expect(d('-123456789012345678901234567890').precision()).toBe(30);
    expect(d('123.45').fitsPrecision(5)).toBe(true);
    expect(d('123.45').fitsPrecision(4)).toBe(false);
    expect(d('0.05').fitsPrecision(1)).toBe(false);
  });

  it('has core’s DecimalValue shape and a canonical representation', () => {
    expect(isDecimalValue(d('1.5'))).toBe(true);
    expect(Decimal.isDecimal(d('1.5'))).toBe(true);
    expect(Decimal.isDecimal({ unscaled: 15, scale: 1 })).toBe(false);
    expect(Decimal.fromUnscaled(15n, 1).unscaled).toBe(15);
    expect(Decimal.fromUnscaled(2n ** 53n, 0).unscaled).toBe(2n ** 53n);
    expect(Decimal.from({ unscaled: 15n, scale: 1, toString: () => '1.5' }).unscaled).toBe(15);
  });
});

describe('Decimal casts', () => {
  it('builds from integers at a scale', () => {
    expect(Decimal.fromInteger(7, 2).toString()).toBe('7.00');
    expect(Decimal.fromInteger(-12n).toString()).toBe('-12');
    expect(Decimal.fromInteger(9007199254740991, 3).unscaled).toBe(9007199254740991000n);
    expect(codeOf(() => Decimal.fromInteger(1.5))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => Decimal.fromInteger(10n ** 37n, 2))).toBe('NUMERIC_OVERFLOW');
  });

  it('builds from unscaled values, rejecting unsafe numbers, bad scales and 39 digits', () => {
    expect(Decimal.fromUnscaled(-1234, 2).toString()).toBe('-12.34');
    expect(codeOf(() => Decimal.fromUnscaled(2 ** 53, 0))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => Decimal.fromUnscaled(1, 39))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => Decimal.fromUnscaled(10n ** 38n, 0))).toBe('NUMERIC_OVERFLOW');
  });

  it('casts from DOUBLE through the shortest round-trip text', () => {
    expect(Decimal.fromDouble(0.1).toString()).toBe('0.1');
    expect(Decimal.fromDouble(-1.25).toString()).toBe('-1.25');
    expect(Decimal.fromDouble(1e21).toString()).toBe('1000000000000000000000');
    expect(Decimal.fromDouble(1.5e-7).toString()).toBe('0.00000015');
    expect(Decimal.fromDouble(2.675, 2).toString()).toBe('2.68');
    expect(Decimal.fromDouble(-0).toString()).toBe('0');
    expect(Decimal.fromDouble(42, 2).toString()).toBe('42.00');
    expect(codeOf(() => Decimal.fromDouble(Number.NaN))).toBe('DECIMAL_PARSE');
    expect(codeOf(() => Decimal.fromDouble(Number.POSITIVE_INFINITY))).toBe('NUMERIC_OVERFLOW');
    expect(codeOf(() => Decimal.fromDouble(1e300))).toBe('NUMERIC_OVERFLOW');
  });

  it('casts to DOUBLE correctly rounded', () => {
    expect(d('0.1').toDouble()).toBe(0.1);
    expect(d('-12.345').toDouble()).toBe(-12.345);
    expect(d('123456789012345678901234567890.123').toDouble()).toBe(1.2345678901234568e29);
    expect(d(`0.${'0'.repeat(29)}3`).toDouble()).toBe(3e-30);
  });

  it('casts to integers, half away from zero by default', () => {
    expect(d('2.5').toBigInt()).toBe(3n);
    expect(d('-2.5').toBigInt()).toBe(-3n);
    expect(d('-2.5').toBigInt('HALF_EVEN')).toBe(-2n);
    expect(d('2.49').toBigInt()).toBe(2n);
    expect(d('-2.7').toBigInt('DOWN')).toBe(-2n);
    expect(d('12345678901234567890123.5').toBigInt()).toBe(12345678901234567890124n);
    expect(d('9007199254740993.4').toSqlBigint()).toBe(9007199254740993n);
    expect(d('42.5').toSqlBigint()).toBe(43);
    expect(codeOf(() => d('9223372036854775808').toSqlBigint())).toBe('NUMERIC_OVERFLOW');
    expect(d('-9223372036854775808').toSqlBigint()).toBe(-9223372036854775808n);
  });
});
