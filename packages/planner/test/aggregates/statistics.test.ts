import { describe, it, expect } from 'vitest';
import { SqlTypes, type SqlValue } from '@velots/core';
import { aggregate, column, dec, decimal, lookup } from './run-aggregate.js';

const { BIGINT, DOUBLE, STRING } = SqlTypes;

/** The textbook sample 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − x̄)² = 32. */
const SAMPLE = column([2, 4, 4, 4, 5, 5, 7, 9]);

describe('STDDEV and VARIANCE', () => {
  it('resolve any number to DOUBLE, and reject other types', () => {
    expect(lookup('VARIANCE').resolve([BIGINT], { distinct: false })).toEqual({ result: DOUBLE, argTypes: [DOUBLE] });
    expect(lookup('stddev_samp').resolve([decimal(10, 2)], { distinct: false })).toEqual({
      result: DOUBLE,
      argTypes: [DOUBLE],
    });
    expect(() => lookup('VAR_POP').resolve([STRING], { distinct: false })).toThrow(
      'VAR_POP: argument 1 must be a number, got STRING',
    );
  });

  it('match the textbook values: population variance 4, deviation 2; sample variance 32/7', () => {
    expect(aggregate({ name: 'VAR_POP', argTypes: [BIGINT] }, SAMPLE)).toBe(4);
    expect(aggregate({ name: 'STDDEV_POP', argTypes: [BIGINT] }, SAMPLE)).toBe(2);
    expect(aggregate({ name: 'VARIANCE', argTypes: [BIGINT] }, SAMPLE)).toBeCloseTo(32 / 7, 14);
    expect(aggregate({ name: 'VAR_SAMP', argTypes: [BIGINT] }, SAMPLE)).toBeCloseTo(32 / 7, 14);
    expect(aggregate({ name: 'STDDEV', argTypes: [BIGINT] }, SAMPLE)).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(aggregate({ name: 'STDDEV_SAMP', argTypes: [BIGINT] }, SAMPLE)).toBeCloseTo(2.138089935299395, 14);
  });

  it('skip NULLs; the sample forms are NULL below 2 values, the population forms below 1', () => {
    expect(aggregate({ name: 'VAR_POP', argTypes: [DOUBLE] }, column([null, 3, null, 5]))).toBe(1);
    expect(aggregate({ name: 'VARIANCE', argTypes: [DOUBLE] }, column([3, null]))).toBe(null);
    expect(aggregate({ name: 'STDDEV', argTypes: [DOUBLE] }, column([3]))).toBe(null);
    expect(aggregate({ name: 'VAR_POP', argTypes: [DOUBLE] }, column([3]))).toBe(0);
    expect(aggregate({ name: 'STDDEV_POP', argTypes: [DOUBLE] }, [])).toBe(null);
    expect(aggregate({ name: 'VAR_POP', argTypes: [DOUBLE] }, column([null]))).toBe(null);
  });

  it('stay accurate on a large offset where the naive Σx² − (Σx)²/n formula cancels to garbage', () => {
    const shifted = column([4, 7, 13, 16].map((x) => 1e9 + x));
    expect(aggregate({ name: 'VAR_SAMP', argTypes: [DOUBLE] }, shifted)).toBe(30);
    expect(aggregate({ name: 'VAR_POP', argTypes: [DOUBLE] }, shifted)).toBe(22.5);
  });

  it('take DECIMAL values through DOUBLE', () => {
    expect(aggregate({ name: 'VAR_POP', argTypes: [decimal(6, 2)] }, column([dec('1.50'), dec('2.50')]))).toBe(0.25);
  });

  it('VARIANCE(DISTINCT x) uses each value once', () => {
    expect(aggregate({ name: 'VAR_POP', argTypes: [BIGINT], distinct: true }, column([1, 1, 3, 3, 3]))).toBe(1);
  });
});

/** x = 1…5, y = 2, 4, 5, 4, 5: x̄ = 3, ȳ = 4, Sxx = 10, Syy = 6, Sxy = 6 (a standard regression exercise). */
const PAIRS: SqlValue[][] = [
  [2, 1],
  [4, 2],
  [5, 3],
  [4, 4],
  [5, 5],
];
const pair = (name: string, rows: readonly (readonly SqlValue[])[]) =>
  aggregate({ name, argTypes: [DOUBLE, DOUBLE] }, rows);

describe('CORR, COVAR and REGR', () => {
  it('match the hand-computed values of the textbook pairs', () => {
    expect(pair('COVAR_POP', PAIRS)).toBeCloseTo(6 / 5, 14);
    expect(pair('COVAR_SAMP', PAIRS)).toBeCloseTo(6 / 4, 14);
    expect(pair('CORR', PAIRS)).toBeCloseTo(6 / Math.sqrt(60), 14);
    expect(pair('REGR_SLOPE', PAIRS)).toBeCloseTo(0.6, 14);
    expect(pair('REGR_INTERCEPT', PAIRS)).toBeCloseTo(2.2, 14);
    expect(pair('REGR_R2', PAIRS)).toBeCloseTo(0.6, 14);
  });

  it('read the arguments as (y, x)', () => {
    const swapped = PAIRS.map(([y, x]) => [x as SqlValue, y as SqlValue]);
    expect(pair('REGR_SLOPE', swapped)).toBeCloseTo(1, 14);
    expect(pair('REGR_INTERCEPT', swapped)).toBeCloseTo(-1, 14);
    expect(pair('CORR', swapped)).toBeCloseTo(6 / Math.sqrt(60), 14);
  });

  it('give exact results on a perfect line', () => {
    const line = [1, 2, 3, 4].map((x) => [3 * x + 1, x] as SqlValue[]);
    expect(pair('REGR_SLOPE', line)).toBe(3);
    expect(pair('REGR_INTERCEPT', line)).toBe(1);
    expect(pair('CORR', line)).toBe(1);
    expect(pair('REGR_R2', line)).toBe(1);
  });

  it('skip rows where either value is NULL', () => {
    const withNulls = [...PAIRS, [null, 7], [8, null], [null, null]];
    expect(pair('COVAR_SAMP', withNulls)).toBeCloseTo(1.5, 14);
    expect(pair('REGR_SLOPE', withNulls)).toBeCloseTo(0.6, 14);
  });

  it('are NULL where PostgreSQL leaves them undefined', () => {
    expect(pair('CORR', [])).toBe(null);
    expect(pair('COVAR_POP', [[null, 1]])).toBe(null);
    expect(pair('COVAR_POP', [[3, 1]])).toBe(0);
    expect(pair('COVAR_SAMP', [[3, 1]])).toBe(null);
    // A constant x: no slope, no correlation.
    const constantX = [
      [1, 2],
      [3, 2],
      [5, 2],
    ] as SqlValue[][];
    expect(pair('REGR_SLOPE', constantX)).toBe(null);
    expect(pair('REGR_INTERCEPT', constantX)).toBe(null);
    expect(pair('REGR_R2', constantX)).toBe(null);
    expect(pair('CORR', constantX)).toBe(null);
    // A constant y: slope 0, a perfect fit, correlation undefined.
    const constantY = [
      [4, 1],
      [4, 2],
      [4, 3],
    ] as SqlValue[][];
    expect(pair('REGR_SLOPE', constantY)).toBe(0);
    expect(pair('REGR_R2', constantY)).toBe(1);
    expect(pair('CORR', constantY)).toBe(null);
  });

  it('resolve to DOUBLE with both arguments cast to DOUBLE', () => {
    expect(lookup('CORR').resolve([BIGINT, decimal(5, 2)], { distinct: false })).toEqual({
      result: DOUBLE,
      argTypes: [DOUBLE, DOUBLE],
    });
    expect(() => lookup('REGR_SLOPE').resolve([DOUBLE], { distinct: false })).toThrow(
      'REGR_SLOPE takes 2 arguments, got 1',
    );
    expect(() => lookup('COVAR_POP').resolve([DOUBLE, STRING], { distinct: false })).toThrow(
      'COVAR_POP: argument 2 must be a number, got STRING',
    );
  });
});
