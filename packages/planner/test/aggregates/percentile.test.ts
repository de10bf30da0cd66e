import { describe, it, expect } from 'vitest';
import { ErrorCodes, SqlTypes, type SqlType, type SqlValue } from '@velots/core';
import { aggregate, column, dec, decimal, lookup, text } from './run-aggregate.js';

const { BIGINT, DOUBLE, STRING } = SqlTypes;

const cont = (p: SqlValue, values: readonly SqlValue[], type = BIGINT) =>
  aggregate(
    { name: 'PERCENTILE_CONT', argTypes: [DOUBLE, type], constants: [p, undefined] },
    values.map((v) => [p, v]),
  );
const disc = (p: SqlValue, values: readonly SqlValue[], type: SqlType = BIGINT) =>
  aggregate(
    { name: 'PERCENTILE_DISC', argTypes: [DOUBLE, type], constants: [p, undefined] },
    values.map((v) => [p, v]),
  );
const ONE_TO_TEN = [7, 1, 10, 3, 9, 2, 8, 4, 6, 5];

describe('MEDIAN', () => {
  it('is the middle value, or the mean of the two middle ones, as DOUBLE', () => {
    expect(aggregate({ name: 'MEDIAN', argTypes: [BIGINT] }, column([5, 1, 3]))).toBe(3);
    expect(aggregate({ name: 'MEDIAN', argTypes: [BIGINT] }, column([4, 1, 3, 2]))).toBe(2.5);
    expect(aggregate({ name: 'MEDIAN', argTypes: [DOUBLE] }, column([-1.5, null, 2.5]))).toBe(0.5);
  });

  it('is NULL for no values and skips NULLs', () => {
    expect(aggregate({ name: 'MEDIAN', argTypes: [BIGINT] }, [])).toBe(null);
    expect(aggregate({ name: 'MEDIAN', argTypes: [BIGINT] }, column([null, null]))).toBe(null);
    expect(aggregate({ name: 'MEDIAN', argTypes: [BIGINT] }, column([null, 7, null]))).toBe(7);
  });

  it('interpolates DECIMAL exactly before converting to DOUBLE (0.1 and 0.2 give 0.15, not 0.15000000000000002)', () => {
    expect(aggregate({ name: 'MEDIAN', argTypes: [decimal(5, 2)] }, column([dec('0.10'), dec('0.20')]))).toBe(0.15);
  });

  it('resolves numbers to DOUBLE and rejects text', () => {
    expect(lookup('MEDIAN').resolve([decimal(5, 2)], { distinct: false })).toEqual({
      result: DOUBLE,
      argTypes: [decimal(5, 2)],
    });
    expect(() => lookup('MEDIAN').resolve([STRING], { distinct: false })).toThrow(
      'MEDIAN: argument 1 must be a number, got STRING',
    );
  });
});

describe('PERCENTILE_CONT', () => {
  it('interpolates at position p·(n − 1) as PostgreSQL: 1, 2, 3, 4 at 0.25 is 1.75', () => {
    expect(cont(0.25, [4, 2, 3, 1])).toBe(1.75);
    expect(cont(0.5, [4, 2, 3, 1])).toBe(2.5);
    expect(cont(0, [4, 2, 3, 1])).toBe(1);
    expect(cont(1, [4, 2, 3, 1])).toBe(4);
    expect(cont(0.3, ONE_TO_TEN)).toBe(3.7);
    expect(cont(0.9, ONE_TO_TEN)).toBe(9.1);
  });

  it('is NULL for no values or a NULL percentile', () => {
    expect(cont(0.5, [])).toBe(null);
    expect(cont(null, [1, 2, 3])).toBe(null);
  });

  it('needs a constant percentile between 0 and 1', () => {
    expect(() => cont(1.5, [1])).toThrow(
      expect.objectContaining({
        code: ErrorCodes.INVALID_ARGUMENT,
        message: 'PERCENTILE_CONT: the percentile must be between 0 and 1, got 1.5',
      }),
    );
    expect(() => cont(-0.1, [1])).toThrow(/between 0 and 1/);
    const fn = lookup('PERCENTILE_CONT');
    const resolved = fn.resolve([DOUBLE, BIGINT], { distinct: false });
    expect(() => fn.prepare([undefined, undefined], resolved.argTypes, { distinct: false })).toThrow(
      'PERCENTILE_CONT: argument 1 (the percentile) must be a constant',
    );
  });

  it('is an ordered-set aggregate: the ORDER BY column comes last', () => {
    expect(lookup('PERCENTILE_CONT').withinGroup).toBe(true);
    expect(lookup('PERCENTILE_CONT').resolve([decimal(2, 1), BIGINT], { distinct: false })).toEqual({
      result: DOUBLE,
      argTypes: [DOUBLE, BIGINT],
    });
  });
});

describe('PERCENTILE_DISC', () => {
  it('returns the first value whose cumulative distribution reaches p', () => {
    expect(disc(0.5, [4, 2, 3, 1])).toBe(2);
    expect(disc(0.51, [4, 2, 3, 1])).toBe(3);
    expect(disc(0, [4, 2, 3, 1])).toBe(1);
    expect(disc(1, [4, 2, 3, 1])).toBe(4);
  });

  it('reads p as the decimal it was written as: 0.3 of ten values is the third, not the fourth', () => {
    // 0.3 × 10 in doubles is 3.0000000000000004, whose ceiling would pick the fourth value.
    expect(disc(0.3, ONE_TO_TEN)).toBe(3);
    expect(disc(0.7, ONE_TO_TEN)).toBe(7);
  });

  it('keeps the argument type, for any ordered type', () => {
    expect(lookup('PERCENTILE_DISC').resolve([DOUBLE, STRING], { distinct: false }).result).toBe(STRING);
    expect(disc(0.5, ['pear', 'apple', 'fig'], STRING)).toBe('fig');
    expect(text(disc(0.5, [dec('2.50'), dec('1.25')], decimal(5, 2)))).toBe('1.25');
  });

  it('is NULL for no values or a NULL percentile', () => {
    expect(disc(0.5, [null])).toBe(null);
    expect(disc(null, [1])).toBe(null);
  });
});
