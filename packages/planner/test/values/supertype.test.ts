import { describe, it, expect } from 'vitest';
import { SqlTypes, arrayType, decimalType, formatSqlType, type SqlType } from '@velots/core';
import { commonSupertype, commonSupertypeOf } from '../../src/values/supertype.js';

const { INTEGER, BIGINT, DOUBLE, STRING, NULL, TIMESTAMP, DATE, BOOLEAN } = SqlTypes;
const show = (t: SqlType | undefined): string | undefined => t && formatSqlType(t);

describe('commonSupertype', () => {
  it('climbs the numeric ladder INTEGER → BIGINT → DECIMAL → DOUBLE', () => {
    expect(show(commonSupertype(INTEGER, BIGINT))).toBe('BIGINT');
    expect(show(commonSupertype(INTEGER, INTEGER))).toBe('INTEGER');
    expect(show(commonSupertype(BIGINT, decimalType(10, 2)))).toBe('DECIMAL(21,2)');
    expect(show(commonSupertype(decimalType(10, 2), DOUBLE))).toBe('DOUBLE');
    expect(show(commonSupertype(BIGINT, DOUBLE))).toBe('DOUBLE');
  });

  it('unites decimals with enough integer digits and the larger scale, capped at 38', () => {
    expect(show(commonSupertype(decimalType(5, 2), decimalType(7, 4)))).toBe('DECIMAL(7,4)');
    expect(show(commonSupertype(decimalType(10, 0), decimalType(3, 3)))).toBe('DECIMAL(13,3)');
    expect(show(commonSupertype(decimalType(38, 0), decimalType(38, 10)))).toBe('DECIMAL(38,0)');
    expect(show(commonSupertype(decimalType(30, 0), decimalType(20, 15)))).toBe('DECIMAL(38,8)');
  });

  it('lets NULL unify with anything and TIMESTAMP act as epoch ms with integers', () => {
    expect(show(commonSupertype(NULL, STRING))).toBe('STRING');
    expect(show(commonSupertype(decimalType(3, 1), NULL))).toBe('DECIMAL(3,1)');
    expect(show(commonSupertype(TIMESTAMP, BIGINT))).toBe('BIGINT');
    expect(show(commonSupertype(DATE, TIMESTAMP))).toBe('TIMESTAMP');
    expect(show(commonSupertype(arrayType(INTEGER), arrayType(DOUBLE)))).toBe('ARRAY(DOUBLE)');
  });

  it('has no answer for unrelated types', () => {
    expect(commonSupertype(STRING, BIGINT)).toBeUndefined();
    expect(commonSupertype(BOOLEAN, BIGINT)).toBeUndefined();
    expect(commonSupertypeOf([BIGINT, NULL, STRING])).toBeUndefined();
    expect(show(commonSupertypeOf([NULL, INTEGER, decimalType(4, 1)]))).toBe('DECIMAL(20,1)');
    expect(show(commonSupertypeOf([]))).toBe('NULL');
  });
});
