import { describe, it, expect } from 'vitest';
import { Decimal } from '@velots/decimal';
import { SqlTypes, decimalType, formatSqlType } from '@velots/core';
import { call, double, errorOf, resultType } from './call.js';

const dec = (t: string) => Decimal.parse(t);
const text = (v: unknown) => String(v);

describe('ABS', () => {
  it('keeps the type', () => {
    expect(call('ABS', -5)).toBe(5);
    expect(call('ABS', -2.5)).toBe(2.5);
    expect(text(call('ABS', dec('-1.50')))).toBe('1.50');
    expect(call('ABS', -(2n ** 62n))).toBe(2n ** 62n);
    expect(call('ABS', null)).toBeNull();
  });

  it('overflows on the smallest BIGINT', () => {
    expect(errorOf('ABS', -(2n ** 63n))?.code).toBe('NUMERIC_OVERFLOW');
  });
});

describe('ROUND', () => {
  it('rounds half away from zero in every numeric type', () => {
    expect(call('ROUND', 2.5)).toBe(3);
    expect(call('ROUND', -2.5)).toBe(-3);
    expect(call('ROUND', 1.005, 2)).toBe(1.01);
    expect(call('ROUND', 1234.5678, -2)).toBe(1200);
    expect(call('ROUND', 1250, -2)).toBe(1300);
    expect(call('ROUND', -1250, -2)).toBe(-1300);
    expect(call('ROUND', 7)).toBe(7);
    expect(text(call('ROUND', dec('2.345'), 2))).toBe('2.350');
    expect(text(call('ROUND', dec('-2.345'), 1))).toBe('-2.300');
    expect(text(call('ROUND', dec('9.99')))).toBe('10.00');
    expect(call('ROUND', null, 2)).toBeNull();
    expect(call('ROUND', 2.5, null)).toBeNull();
  });

  it('resolves to the same type (DECIMAL gains a digit for the carry)', () => {
    expect(formatSqlType(resultType('ROUND', decimalType(3, 2)))).toBe('DECIMAL(4,2)');
    expect(resultType('ROUND', SqlTypes.DOUBLE, SqlTypes.BIGINT).kind).toBe('DOUBLE');
    expect(resultType('ROUND', SqlTypes.INTEGER).kind).toBe('BIGINT');
  });
});

describe('CEIL and FLOOR', () => {
  it('return BIGINT', () => {
    expect(call('CEIL', 1.2)).toBe(2);
    expect(call('CEILING', -1.2)).toBe(-1);
    expect(call('FLOOR', -1.2)).toBe(-2);
    expect(call('FLOOR', 5)).toBe(5);
    expect(call('CEIL', dec('1.01'))).toBe(2);
    expect(call('FLOOR', dec('-1.01'))).toBe(-2);
    expect(call('CEIL', dec('-1.99'))).toBe(-1);
    expect(call('FLOOR', null)).toBeNull();
    expect(resultType('FLOOR', SqlTypes.DOUBLE).kind).toBe('BIGINT');
    expect(errorOf('CEIL', double(Infinity))?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('SQRT, POWER, EXP, LN, LOG10, LOG', () => {
  it('compute doubles', () => {
    expect(call('SQRT', 16)).toBe(4);
    expect(call('SQRT', dec('2.25'))).toBe(1.5);
    expect(call('POWER', 2, 10)).toBe(1024);
    expect(call('POW', 4, 0.5)).toBe(2);
    expect(call('EXP', 0)).toBe(1);
    expect(call('LN', 1)).toBe(0);
    expect(call('LOG10', 1000)).toBe(3);
    expect(call('LOG', 100)).toBe(2);
    expect(call('LOG', 2, 8)).toBeCloseTo(3, 12);
    expect(call('SQRT', null)).toBeNull();
  });

  it('make out-of-domain inputs a record error', () => {
    const e = errorOf('SQRT', -1);
    expect(e?.code).toBe('INVALID_ARGUMENT');
    expect(e?.message).toContain('SQRT');
    expect(errorOf('LN', 0)?.code).toBe('INVALID_ARGUMENT');
    expect(errorOf('LOG10', -5)?.code).toBe('INVALID_ARGUMENT');
    expect(errorOf('LOG', 1, 5)?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('MOD', () => {
  it('takes the sign of the dividend', () => {
    expect(call('MOD', 7, 3)).toBe(1);
    expect(call('MOD', -7, 3)).toBe(-1);
    expect(call('MOD', 7, -3)).toBe(1);
    expect(call('MOD', 7.5, 2)).toBe(1.5);
    expect(text(call('MOD', dec('10.5'), dec('3')))).toBe('1.5');
    expect(text(call('MOD', dec('-10.50'), 3))).toBe('-1.50');
    expect(call('MOD', 2n ** 62n + 1n, 2)).toBe(1);
  });

  it('gives NULL for a zero divisor and for NULL', () => {
    expect(call('MOD', 5, 0)).toBeNull();
    expect(call('MOD', dec('5.0'), dec('0.00'))).toBeNull();
    expect(call('MOD', null, 3)).toBeNull();
  });
});

describe('LEAST and GREATEST', () => {
  it('skip NULLs and compare across numeric types', () => {
    expect(call('LEAST', 3, null, 1, 2)).toBe(1);
    expect(call('GREATEST', 3, null, 1, 2)).toBe(3);
    expect(call('GREATEST', 1, 2.5)).toBe(2.5);
    expect(text(call('LEAST', dec('1.5'), 2))).toBe('1.5');
    expect(call('GREATEST', 'apple', 'pear')).toBe('pear');
    expect(call('LEAST', null, null)).toBeNull();
  });

  it('reject incomparable arguments', () => {
    expect(errorOf('LEAST', 1, 'a')?.code).toBe('TYPE_MISMATCH');
  });
});

describe('SIGN, PI, RAND', () => {
  it('work', () => {
    expect(call('SIGN', -3.5)).toBe(-1);
    expect(call('SIGN', 0)).toBe(0);
    expect(call('SIGN', dec('0.001'))).toBe(1);
    expect(call('PI')).toBe(Math.PI);
    const r = call('RAND') as number;
    expect(r >= 0 && r < 1).toBe(true);
  });

  it('check arity', () => {
    expect(errorOf('PI', 1)?.message).toBe('PI takes 0 arguments, got 1');
    expect(errorOf('ROUND', 1, 2, 3)?.message).toBe('ROUND takes 1 to 2 arguments, got 3');
    expect(errorOf('ABS', 'x')?.message).toBe('ABS: argument 1 must be a number, got STRING');
  });
});
