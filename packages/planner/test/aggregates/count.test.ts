import { describe, it, expect } from 'vitest';
import { SqlTypes } from '@velots/core';
import { aggregate, aggregateSplit, column, dec, decimal, lookup, prepareCall } from './run-aggregate.js';

const { BIGINT, STRING, DOUBLE } = SqlTypes;

describe('COUNT', () => {
  it('COUNT(*) counts every row, NULLs included, and is 0 for no rows', () => {
    expect(aggregate({ name: 'COUNT', argTypes: [] }, [[], [], []])).toBe(3);
    expect(aggregate({ name: 'COUNT', argTypes: [] }, [])).toBe(0);
  });

  it('COUNT(x) counts the non-NULL values', () => {
    expect(aggregate({ name: 'COUNT', argTypes: [STRING] }, column(['a', null, 'b', null, 'a']))).toBe(3);
    expect(aggregate({ name: 'COUNT', argTypes: [STRING] }, column([null, null]))).toBe(0);
    expect(aggregate({ name: 'COUNT', argTypes: [STRING] }, [])).toBe(0);
  });

  it('COUNT(DISTINCT x) counts distinct non-NULL values by value (1.1 = 1.10)', () => {
    const rows = column([dec('1.1'), dec('1.10'), dec('2.0'), null, dec('2'), dec('3.5')]);
    expect(aggregate({ name: 'COUNT', argTypes: [decimal(10, 2)], distinct: true }, rows)).toBe(3);
  });

  it('COUNT_DISTINCT(x) is exact and always distinct', () => {
    const rows = column(['x', 'y', 'x', null, 'z', 'y']);
    expect(aggregate({ name: 'COUNT_DISTINCT', argTypes: [STRING] }, rows)).toBe(3);
    expect(aggregate({ name: 'COUNT_DISTINCT', argTypes: [STRING] }, [])).toBe(0);
  });

  it('resolves to BIGINT; COUNT() is COUNT(*) and COUNT(DISTINCT *) is rejected', () => {
    expect(lookup('count').resolve([], { distinct: false })).toEqual({ result: BIGINT, argTypes: [] });
    expect(lookup('COUNT').resolve([DOUBLE], { distinct: true })).toEqual({ result: BIGINT, argTypes: [DOUBLE] });
    expect(lookup('COUNT').acceptsStar).toBe(true);
    expect(() => lookup('COUNT').resolve([], { distinct: true })).toThrow(/COUNT\(DISTINCT \*\)/);
    expect(() => lookup('COUNT').resolve([BIGINT, BIGINT], { distinct: false })).toThrow(
      'COUNT takes 0 to 1 arguments, got 2',
    );
    expect(lookup('SUM').acceptsStar).toBe(false);
  });

  it('merges partial counts, distinct sets included', () => {
    const rows = column(['a', 'b', null, 'a', 'c', 'b']);
    expect(aggregateSplit({ name: 'COUNT', argTypes: [STRING] }, rows, 3)).toBe(5);
    expect(aggregateSplit({ name: 'COUNT', argTypes: [STRING], distinct: true }, rows, 3)).toBe(3);
    expect(aggregateSplit({ name: 'COUNT_DISTINCT', argTypes: [STRING] }, rows, 2)).toBe(3);
  });

  it('refuses to merge an accumulator of another aggregate', () => {
    const count = prepareCall({ name: 'COUNT', argTypes: [STRING] }).create();
    const sum = prepareCall({ name: 'SUM', argTypes: [BIGINT] }).create();
    expect(() => count.merge(sum)).toThrow(/cannot merge/);
  });
});

describe('APPROX_COUNT_DISTINCT', () => {
  const call = { name: 'APPROX_COUNT_DISTINCT', argTypes: [BIGINT] };

  it('is 0 for no rows and for NULLs only', () => {
    expect(aggregate(call, [])).toBe(0);
    expect(aggregate(call, column([null, null]))).toBe(0);
  });

  it('is exact for small counts, repeats ignored', () => {
    expect(aggregate(call, column([7]))).toBe(1);
    expect(aggregate(call, column([1, 2, 3, 1, 2, 3, null]))).toBe(3);
    const hundred = Array.from({ length: 100 }, (_, i) => i * 7919);
    expect(aggregate(call, column([...hundred, ...hundred]))).toBe(100);
  });

  it('is exact up to 512 distinct values (the sparse form), then an estimate', () => {
    const values = Array.from({ length: 512 }, (_, i) => `k${i}`);
    expect(aggregate({ name: 'APPROX_COUNT_DISTINCT', argTypes: [STRING] }, column([...values, ...values]))).toBe(512);
    const more = Array.from({ length: 2_000 }, (_, i) => `k${i}`);
    const estimate = aggregate({ name: 'APPROX_COUNT_DISTINCT', argTypes: [STRING] }, column(more)) as number;
    expect(Math.abs(estimate - 2_000)).toBeLessThan(40);
  });

  it('hashes by value: BIGINT 1, DECIMAL 1.00 and DOUBLE 1.0 are one value', () => {
    const one = prepareCall({ name: 'APPROX_COUNT_DISTINCT', argTypes: [BIGINT] });
    const acc = one.feed(one.create(), column([1]));
    const other = prepareCall({ name: 'APPROX_COUNT_DISTINCT', argTypes: [decimal(5, 2)] });
    const acc2 = other.feed(other.create(), column([dec('1.00')]));
    acc.merge(acc2);
    expect(acc.result()).toBe(1);
  });

  it('stays within 2 % (≈ 2.5 standard errors) of the true count at 100 000 distinct values', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);
    const estimate = aggregate({ name: 'APPROX_COUNT_DISTINCT', argTypes: [STRING] }, column(values)) as number;
    expect(Math.abs(estimate - 100_000) / 100_000).toBeLessThan(0.02);
  });

  it('merges sketches exactly: the merge equals the sketch of all rows', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => i % 15_000);
    const call = { name: 'APPROX_COUNT_DISTINCT', argTypes: [BIGINT] };
    const whole = aggregate(call, column(values));
    expect(aggregateSplit(call, column(values), 7_000)).toBe(whole);
    expect(Math.abs((whole as number) - 15_000) / 15_000).toBeLessThan(0.02);
  });
});
