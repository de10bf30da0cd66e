import { describe, it, expect } from 'vitest';
import { ErrorCodes, SqlTypes } from '@velots/core';
import { aggregate, column, dec, decimal, lookup, text } from './run-aggregate.js';

const { BIGINT, DOUBLE, STRING, TIMESTAMP, BOOLEAN } = SqlTypes;

describe('MIN and MAX', () => {
  it('resolve to the argument type, for any type', () => {
    for (const t of [BIGINT, DOUBLE, STRING, TIMESTAMP, BOOLEAN, decimal(12, 3)]) {
      expect(lookup('MIN').resolve([t], { distinct: false })).toEqual({ result: t, argTypes: [t] });
      expect(lookup('MAX').resolve([t], { distinct: true })).toEqual({ result: t, argTypes: [t] });
    }
  });

  it('skip NULLs and are NULL for no values', () => {
    expect(aggregate({ name: 'MIN', argTypes: [BIGINT] }, column([null, 5, -3, null, 8]))).toBe(-3);
    expect(aggregate({ name: 'MAX', argTypes: [BIGINT] }, column([null, 5, -3, null, 8]))).toBe(8);
    expect(aggregate({ name: 'MIN', argTypes: [BIGINT] }, column([null]))).toBe(null);
    expect(aggregate({ name: 'MAX', argTypes: [BIGINT] }, [])).toBe(null);
  });

  it('compare BIGINT beyond 2^53 exactly', () => {
    const rows = column([2n ** 60n + 1n, 2n ** 60n, -(2n ** 62n)]);
    expect(aggregate({ name: 'MAX', argTypes: [BIGINT] }, rows)).toBe(2n ** 60n + 1n);
    expect(aggregate({ name: 'MIN', argTypes: [BIGINT] }, rows)).toBe(-(2n ** 62n));
  });

  it('compare DECIMAL by value and keep the first of equal values', () => {
    const rows = column([dec('2.50'), dec('10.10'), dec('2.50'), dec('-0.01')]);
    expect(text(aggregate({ name: 'MAX', argTypes: [decimal(10, 2)] }, rows))).toBe('10.10');
    expect(text(aggregate({ name: 'MIN', argTypes: [decimal(10, 2)] }, rows))).toBe('-0.01');
  });

  it('order strings by UTF-16 code unit, booleans false < true, timestamps by instant', () => {
    expect(aggregate({ name: 'MIN', argTypes: [STRING] }, column(['b', 'B', 'a']))).toBe('B');
    expect(aggregate({ name: 'MAX', argTypes: [STRING] }, column(['b', 'B', 'a']))).toBe('b');
    expect(aggregate({ name: 'MIN', argTypes: [BOOLEAN] }, column([true, false, null]))).toBe(false);
    expect(aggregate({ name: 'MAX', argTypes: [TIMESTAMP] }, column([1_700_000_000_000, 1_700_000_000_001]))).toBe(
      1_700_000_000_001,
    );
  });

  it('put NaN above every number, as PostgreSQL does', () => {
    expect(aggregate({ name: 'MAX', argTypes: [DOUBLE] }, column([1, NaN, Infinity]))).toBeNaN();
    expect(aggregate({ name: 'MIN', argTypes: [DOUBLE] }, column([1, NaN, -Infinity]))).toBe(-Infinity);
  });
});

describe('DELTA', () => {
  it('is MAX − MIN in the argument numeric type', () => {
    expect(aggregate({ name: 'DELTA', argTypes: [BIGINT] }, column([5, null, -3, 8]))).toBe(11);
    expect(aggregate({ name: 'DELTA', argTypes: [DOUBLE] }, column([0.5, 2.25]))).toBe(1.75);
    expect(aggregate({ name: 'DELTA', argTypes: [BIGINT] }, column([42]))).toBe(0);
    expect(aggregate({ name: 'DELTA', argTypes: [BIGINT] }, column([null]))).toBe(null);
  });

  it('is exact for DECIMAL, typed by the subtraction rule (one more integer digit)', () => {
    expect(lookup('DELTA').resolve([decimal(4, 1)], { distinct: false }).result).toEqual(decimal(5, 1));
    expect(lookup('DELTA').resolve([decimal(38, 2)], { distinct: false }).result).toEqual(decimal(38, 2));
    const rows = column([dec('99.9'), dec('-99.9'), dec('0.1')]);
    expect(text(aggregate({ name: 'DELTA', argTypes: [decimal(4, 1)] }, rows))).toBe('199.8');
  });

  it('is exact for BIGINT beyond 2^53 and overflows outside 64 bits', () => {
    expect(aggregate({ name: 'DELTA', argTypes: [BIGINT] }, column([2n ** 62n, -(2n ** 62n) + 1n]))).toBe(
      2n ** 63n - 1n,
    );
    expect(() => aggregate({ name: 'DELTA', argTypes: [BIGINT] }, column([2n ** 62n, -(2n ** 62n)]))).toThrow(
      expect.objectContaining({ code: ErrorCodes.NUMERIC_OVERFLOW }),
    );
  });

  it('rejects non-numbers', () => {
    expect(() => lookup('DELTA').resolve([STRING], { distinct: false })).toThrow(
      'DELTA: argument 1 must be a number, got STRING',
    );
  });
});
