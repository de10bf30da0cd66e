import { describe, it, expect } from 'vitest';
import { Decimal } from '@velots/decimal';
import { SqlTypes, decimalType, formatSqlType } from '@velots/core';
import { call, errorOf, resultType } from './call.js';

describe('COALESCE, IFNULL, NVL', () => {
  it('return the first non-NULL argument', () => {
    expect(call('COALESCE', null, null, 3, 4)).toBe(3);
    expect(call('COALESCE', null, null)).toBeNull();
    expect(call('IFNULL', null, 'x')).toBe('x');
    expect(call('NVL', 'a', 'x')).toBe('a');
  });

  it('resolve to the common supertype and cast the chosen argument to it', () => {
    expect(formatSqlType(resultType('COALESCE', SqlTypes.NULL, SqlTypes.BIGINT, decimalType(5, 2)))).toBe('DECIMAL(21,2)');
    expect(String(call('COALESCE', null, 2, Decimal.parse('1.5')))).toBe('2.0');
    expect(errorOf('COALESCE', 1, 'a')?.message).toBe('COALESCE: argument 2 must be of a type compatible with the other branches, got STRING');
  });
});

describe('NULLIF', () => {
  it('gives NULL when the arguments are equal', () => {
    expect(call('NULLIF', 0, 0)).toBeNull();
    expect(call('NULLIF', 5, 0)).toBe(5);
    expect(call('NULLIF', 1, Decimal.parse('1.00'))).toBeNull();
    expect(call('NULLIF', null, 1)).toBeNull();
    expect(call('NULLIF', 'a', null)).toBe('a');
  });
});

describe('IF', () => {
  it('picks a branch; a NULL condition picks the else branch', () => {
    expect(call('IF', true, 'yes', 'no')).toBe('yes');
    expect(call('IF', false, 'yes', 'no')).toBe('no');
    expect(call('IF', null, 'yes', 'no')).toBe('no');
    expect(call('IF', true, null, 'no')).toBeNull();
    expect(call('IF', true, 1, 2.5)).toBe(1);
    expect(resultType('IF', SqlTypes.BOOLEAN, SqlTypes.BIGINT, SqlTypes.DOUBLE).kind).toBe('DOUBLE');
    expect(errorOf('IF', 1, 'a', 'b')?.message).toBe('IF: argument 1 must be a BOOLEAN, got BIGINT');
  });
});
