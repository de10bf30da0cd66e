import { describe, it, expect } from 'vitest';
import { ErrorCodes, SqlTypes } from '@velots/core';
import { aggregate, aggregateSplit, column, dec, decimal, lookup, text } from './run-aggregate.js';

const { BIGINT, INTEGER, DOUBLE, STRING, NULL } = SqlTypes;

describe('SUM', () => {
  it('resolves BIGINT → BIGINT, DECIMAL(p,s) → DECIMAL(38,s), DOUBLE → DOUBLE', () => {
    const sum = lookup('SUM');
    expect(sum.resolve([BIGINT], { distinct: false })).toEqual({ result: BIGINT, argTypes: [BIGINT] });
    expect(sum.resolve([INTEGER], { distinct: false })).toEqual({ result: BIGINT, argTypes: [BIGINT] });
    expect(sum.resolve([NULL], { distinct: false })).toEqual({ result: BIGINT, argTypes: [BIGINT] });
    expect(sum.resolve([decimal(10, 2)], { distinct: false })).toEqual({
      result: decimal(38, 2),
      argTypes: [decimal(10, 2)],
    });
    expect(sum.resolve([DOUBLE], { distinct: false })).toEqual({ result: DOUBLE, argTypes: [DOUBLE] });
  });

  it('rejects non-numbers with TYPE_MISMATCH naming the function and argument', () => {
    expect(() => lookup('SUM').resolve([STRING], { distinct: false })).toThrow(
      'SUM: argument 1 must be a number, got STRING',
    );
    expect(() => lookup('AVG').resolve([SqlTypes.TIMESTAMP], { distinct: false })).toThrow(
      expect.objectContaining({ code: ErrorCodes.TYPE_MISMATCH }),
    );
  });

  it('sums BIGINT exactly, skipping NULLs; NULL for no values', () => {
    expect(aggregate({ name: 'SUM', argTypes: [BIGINT] }, column([1, null, 2, 3]))).toBe(6);
    expect(aggregate({ name: 'SUM', argTypes: [BIGINT] }, column([null, null]))).toBe(null);
    expect(aggregate({ name: 'SUM', argTypes: [BIGINT] }, [])).toBe(null);
  });

  it('carries BIGINT sums past 2^53 into bigint without losing a unit', () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(aggregate({ name: 'SUM', argTypes: [BIGINT] }, column([big, big, 1]))).toBe(2n * BigInt(big) + 1n);
    expect(aggregate({ name: 'SUM', argTypes: [BIGINT] }, column([big, 1, -2]))).toBe(big - 1);
    expect(aggregate({ name: 'SUM', argTypes: [BIGINT] }, column([2n ** 62n, 2n ** 62n - 1n]))).toBe(2n ** 63n - 1n);
  });

  it('raises NUMERIC_OVERFLOW when the total leaves the 64-bit range', () => {
    expect(() => aggregate({ name: 'SUM', argTypes: [BIGINT] }, column([2n ** 62n, 2n ** 62n]))).toThrow(
      expect.objectContaining({
        code: ErrorCodes.NUMERIC_OVERFLOW,
        message: 'SUM: 9223372036854775808 is out of BIGINT range',
      }),
    );
    expect(() => aggregate({ name: 'SUM', argTypes: [BIGINT] }, column([-(2n ** 63n), -1]))).toThrow(
      expect.objectContaining({ code: ErrorCodes.NUMERIC_OVERFLOW }),
    );
  });

  it('judges overflow on the total, not on an intermediate excursion (order-independent)', () => {
    const max = 2n ** 63n - 1n;
    expect(aggregate({ name: 'SUM', argTypes: [BIGINT] }, column([max, 1, -1]))).toBe(max);
  });

  it('sums DECIMAL exactly at the argument scale', () => {
    const rows = column([dec('0.10'), dec('0.20'), null, dec('-0.05')]);
    expect(text(aggregate({ name: 'SUM', argTypes: [decimal(10, 2)] }, rows))).toBe('0.25');
    expect(text(aggregate({ name: 'SUM', argTypes: [decimal(10, 2)] }, column([dec('1'), dec('2.5')])))).toBe('3.50');
    expect(aggregate({ name: 'SUM', argTypes: [decimal(10, 2)] }, [])).toBe(null);
  });

  it('sums 38-digit decimals exactly and overflows past 38 digits', () => {
    const nines = dec('9'.repeat(36));
    expect(text(aggregate({ name: 'SUM', argTypes: [decimal(38, 0)] }, column([nines, nines, nines])))).toBe(
      `2${'9'.repeat(35)}7`,
    );
    const max = dec('9'.repeat(38));
    expect(() => aggregate({ name: 'SUM', argTypes: [decimal(38, 0)] }, column([max, dec('1')]))).toThrow(
      expect.objectContaining({ code: ErrorCodes.NUMERIC_OVERFLOW }),
    );
  });

  it('sums DOUBLE correctly rounded, independent of order', () => {
    expect(aggregate({ name: 'SUM', argTypes: [DOUBLE] }, column(Array(10).fill(0.1)))).toBe(1);
    expect(aggregate({ name: 'SUM', argTypes: [DOUBLE] }, column([1e100, 1, -1e100]))).toBe(1);
    expect(aggregate({ name: 'SUM', argTypes: [DOUBLE] }, column([1, 1e100, 1, -1e100]))).toBe(2);
    expect(aggregate({ name: 'SUM', argTypes: [DOUBLE] }, column([Infinity, 1, null]))).toBe(Infinity);
    expect(aggregate({ name: 'SUM', argTypes: [DOUBLE] }, column([Infinity, -Infinity]))).toBeNaN();
    expect(aggregate({ name: 'SUM', argTypes: [DOUBLE] }, column([1.5e308, 1.5e308]))).toBe(Infinity);
  });

  it('SUM(DISTINCT x) adds each value once, by value', () => {
    expect(aggregate({ name: 'SUM', argTypes: [BIGINT], distinct: true }, column([1, 2, 2, null, 3, 1]))).toBe(6);
    const rows = column([dec('1.1'), dec('1.10'), dec('2.00')]);
    expect(text(aggregate({ name: 'SUM', argTypes: [decimal(10, 2)], distinct: true }, rows))).toBe('3.10');
    expect(aggregateSplit({ name: 'SUM', argTypes: [BIGINT], distinct: true }, column([1, 2, 2, 3, 1, 4]), 3)).toBe(10);
  });
});

describe('AVG', () => {
  it('resolves BIGINT and DOUBLE → DOUBLE, DECIMAL(p,s) → DECIMAL(38, max(s,6))', () => {
    const avg = lookup('AVG');
    expect(avg.resolve([BIGINT], { distinct: false })).toEqual({ result: DOUBLE, argTypes: [BIGINT] });
    expect(avg.resolve([DOUBLE], { distinct: false })).toEqual({ result: DOUBLE, argTypes: [DOUBLE] });
    expect(avg.resolve([decimal(10, 2)], { distinct: false }).result).toEqual(decimal(38, 6));
    expect(avg.resolve([decimal(20, 8)], { distinct: false }).result).toEqual(decimal(38, 8));
  });

  it('averages BIGINT as DOUBLE, skipping NULLs; NULL for no values', () => {
    expect(aggregate({ name: 'AVG', argTypes: [BIGINT] }, column([1, 2, null]))).toBe(1.5);
    expect(aggregate({ name: 'AVG', argTypes: [BIGINT] }, column([null]))).toBe(null);
    expect(aggregate({ name: 'AVG', argTypes: [BIGINT] }, [])).toBe(null);
  });

  it('averages BIGINT totals past 2^53 without overflow', () => {
    const max = 2n ** 63n - 1n;
    expect(aggregate({ name: 'AVG', argTypes: [BIGINT] }, column([max, max]))).toBe(2 ** 63);
    expect(aggregate({ name: 'AVG', argTypes: [BIGINT] }, column([max, -max + 1n]))).toBe(0.5);
  });

  it('averages DECIMAL exactly at scale max(s, 6), half away from zero', () => {
    expect(text(aggregate({ name: 'AVG', argTypes: [decimal(10, 0)] }, column([dec('1'), dec('2'), dec('2')])))).toBe(
      '1.666667',
    );
    expect(
      text(aggregate({ name: 'AVG', argTypes: [decimal(10, 0)] }, column([dec('-1'), dec('-2'), dec('-2')]))),
    ).toBe('-1.666667');
    expect(text(aggregate({ name: 'AVG', argTypes: [decimal(10, 2)] }, column([dec('0.10'), dec('0.20'), null])))).toBe(
      '0.150000',
    );
    expect(aggregate({ name: 'AVG', argTypes: [decimal(10, 2)] }, [])).toBe(null);
  });

  it('averages DOUBLE from the exact sum', () => {
    expect(aggregate({ name: 'AVG', argTypes: [DOUBLE] }, column([1, 2, 4]))).toBe(7 / 3);
    expect(aggregate({ name: 'AVG', argTypes: [DOUBLE] }, column([1e100, 1, -1e100, 2]))).toBe(0.75);
    expect(aggregate({ name: 'AVG', argTypes: [DOUBLE] }, column([1e308, 1e308, -1e308]))).toBe(1e308 / 3);
  });

  it('AVG(DISTINCT x) averages each value once', () => {
    expect(aggregate({ name: 'AVG', argTypes: [BIGINT], distinct: true }, column([1, 1, 1, 4]))).toBe(2.5);
  });

  it('merges partial sums exactly', () => {
    const rows = column([dec('1.25'), dec('2.50'), null, dec('3.00')]);
    expect(text(aggregateSplit({ name: 'AVG', argTypes: [decimal(10, 2)] }, rows, 2))).toBe('2.250000');
    expect(text(aggregateSplit({ name: 'SUM', argTypes: [decimal(10, 2)] }, rows, 1))).toBe('6.75');
  });
});
