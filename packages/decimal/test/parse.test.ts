import { describe, expect, it } from 'vitest';
import { Decimal, fromJSONNumberText, parseDecimalText } from '../src/index.js';

function parsed(text: string): [number | bigint, number] {
  const value = Decimal.parse(text);
  return [value.unscaled, value.scale];
}

function errorOf(action: () => unknown): { code: unknown; message: string; details: unknown } {
  try {
    action();
  } catch (error) {
    const e = error as { code: unknown; message: string; details: unknown };
    return { code: e.code, message: e.message, details: e.details };
  }
  throw new Error('expected an error');
}

describe('Decimal.parse', () => {
  it('takes the scale from the fraction digits of the text', () => {
    expect(parsed('123.45')).toEqual([12345, 2]);
    expect(parsed('12.50')).toEqual([1250, 2]);
    expect(parsed('-0.010')).toEqual([-10, 3]);
    expect(parsed('0')).toEqual([0, 0]);
    expect(parsed('0.00')).toEqual([0, 2]);
  });

  it('accepts a sign, a bare fraction, a trailing point and surrounding whitespace', () => {
    expect(parsed('+7')).toEqual([7, 0]);
    expect(parsed('.5')).toEqual([5, 1]);
    expect(parsed('-.5')).toEqual([-5, 1]);
    expect(parsed('5.')).toEqual([5, 0]);
    expect(parsed('  42.1\t')).toEqual([421, 1]);
  });

  it('reads an exponent as a shift of the scale, never below scale 0', () => {
    expect(parsed('1e-3')).toEqual([1, 3]);
    expect(parsed('1E+3')).toEqual([1000, 0]);
    expect(parsed('1.5e3')).toEqual([1500, 0]);
    expect(parsed('1.50e1')).toEqual([150, 1]);
    expect(parsed('-2.5E-2')).toEqual([-25, 3]);
    expect(parsed('0e5')).toEqual([0, 0]);
  });

  it('turns negative zero into zero', () => {
    const value = Decimal.parse('-0.00');
    expect(Object.is(value.unscaled, 0)).toBe(true);
    expect(value.toString()).toBe('0.00');
  });

  it('switches to bigint beyond 2^53 − 1 and not before', () => {
    expect(parsed('9007199254740991')).toEqual([9007199254740991, 0]);
    expect(parsed('9007199254740992')).toEqual([9007199254740992n, 0]);
    expect(parsed('-90071992547409.92')).toEqual([-9007199254740992n, 2]);
    expect(parsed('0.000000000000000000000000000000000001')).toEqual([1, 36]);
    expect(parsed('99999999999999999999999999999999999999')).toEqual([99999999999999999999999999999999999999n, 0]);
  });

  it('rejects garbage with DECIMAL_PARSE naming the input', () => {
    for (const text of [
      '',
      ' ',
      'abc',
      '1.2.3',
      '12a',
      '--1',
      '+-1',
      '1e',
      '1e+',
      '.',
      '-',
      '1,5',
      'NaN',
      'Infinity',
      '0x10',
      '1_000',
    ]) {
      const error = errorOf(() => Decimal.parse(text));
      expect(error.code).toBe('DECIMAL_PARSE');
      expect(error.details).toEqual({ input: text });
    }
    expect(errorOf(() => Decimal.parse('12a')).message).toBe(
      "invalid DECIMAL text '12a': expected the end of the number at position 3, found 'a'",
    );
  });

  it('raises NUMERIC_OVERFLOW past 38 digits or scale 38', () => {
    expect(errorOf(() => Decimal.parse('100000000000000000000000000000000000000')).code).toBe('NUMERIC_OVERFLOW');
    expect(errorOf(() => Decimal.parse('1e38')).code).toBe('NUMERIC_OVERFLOW');
    expect(errorOf(() => Decimal.parse('1e999999999999')).code).toBe('NUMERIC_OVERFLOW');
    expect(errorOf(() => Decimal.parse('1e-39')).message).toBe(
      "DECIMAL text '1e-39' has scale 39, beyond the maximum 38",
    );
  });
});

describe('Decimal.parse with a target type', () => {
  it('coerces to the scale, rounding half away from zero', () => {
    expect(Decimal.parse('7', { precision: 10, scale: 2 }).toString()).toBe('7.00');
    expect(Decimal.parse('2.345', { precision: 10, scale: 2 }).toString()).toBe('2.35');
    expect(Decimal.parse('-2.345', { precision: 10, scale: 2 }).toString()).toBe('-2.35');
    expect(Decimal.parse('2.344999', { precision: 10, scale: 2 }).toString()).toBe('2.34');
    expect(Decimal.parse('2.345', { scale: 2, rounding: 'HALF_EVEN' }).toString()).toBe('2.34');
  });

  it('rounds text with far more fraction digits than 38', () => {
    expect(Decimal.parse(`0.${'3'.repeat(60)}`, { scale: 2 }).toString()).toBe('0.33');
    expect(Decimal.parse('1e-400', { scale: 2 }).toString()).toBe('0.00');
    expect(Decimal.parse('1e-400', { scale: 2, rounding: 'UP' }).toString()).toBe('0.01');
    expect(Decimal.parse('-1e-400', { scale: 2, rounding: 'FLOOR' }).toString()).toBe('-0.01');
  });

  it('raises NUMERIC_OVERFLOW when the value does not fit the precision, also after rounding up', () => {
    expect(errorOf(() => Decimal.parse('123456789.5', { precision: 10, scale: 2 })).message).toBe(
      "DECIMAL text '123456789.5' does not fit DECIMAL(10,2)",
    );
    expect(Decimal.parse('99999999.994', { precision: 10, scale: 2 }).toString()).toBe('99999999.99');
    expect(errorOf(() => Decimal.parse('99999999.995', { precision: 10, scale: 2 })).code).toBe('NUMERIC_OVERFLOW');
  });

  it('rejects an impossible target type with INVALID_ARGUMENT', () => {
    expect(errorOf(() => Decimal.parse('1', { precision: 39, scale: 0 })).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(() => Decimal.parse('1', { precision: 5, scale: 6 })).code).toBe('INVALID_ARGUMENT');
  });
});

describe('JSON number text', () => {
  it('accepts exactly what JSON allows and keeps the written scale', () => {
    expect(fromJSONNumberText('-0.5').toString()).toBe('-0.5');
    expect(fromJSONNumberText('1E+3').toString()).toBe('1000');
    expect(fromJSONNumberText('12.50').scale).toBe(2);
    expect(fromJSONNumberText('0').toString()).toBe('0');
    expect(fromJSONNumberText('2.5e-1').toString()).toBe('0.25');
    expect(Decimal.fromJSONNumberText('123456789012345678901234567890.5').toString()).toBe(
      '123456789012345678901234567890.5',
    );
  });

  it('rejects what JSON rejects', () => {
    for (const text of ['+1', '.5', '5.', '01', '-01.5', ' 1', '1 ', '1e', '-']) {
      expect(errorOf(() => fromJSONNumberText(text)).code).toBe('DECIMAL_PARSE');
    }
  });
});

describe('parseDecimalText', () => {
  it('gives the unscaled value and scale without a Decimal', () => {
    expect(parseDecimalText('-12.340')).toEqual({ unscaled: -12340, scale: 3 });
  });
});
