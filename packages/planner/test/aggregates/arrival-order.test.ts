import { describe, it, expect } from 'vitest';
import { SqlTypes, type SqlType, type SqlValue } from '@velots/core';
import { aggregate, aggregateSplit, column, dec, decimal, lookup } from './run-aggregate.js';

const { BIGINT, STRING } = SqlTypes;

describe('FIRST_VALUE and LAST_VALUE', () => {
  it('take the first and last row to arrive', () => {
    expect(aggregate({ name: 'FIRST_VALUE', argTypes: [BIGINT] }, column([3, 1, 2]))).toBe(3);
    expect(aggregate({ name: 'LAST_VALUE', argTypes: [BIGINT] }, column([3, 1, 2]))).toBe(2);
    expect(aggregate({ name: 'first', argTypes: [STRING] }, column(['a', 'b']))).toBe('a');
    expect(aggregate({ name: 'last', argTypes: [STRING] }, column(['a', 'b']))).toBe('b');
  });

  it('count a NULL as a value, as DuckDB first/last do', () => {
    expect(aggregate({ name: 'FIRST_VALUE', argTypes: [BIGINT] }, column([null, 1]))).toBe(null);
    expect(aggregate({ name: 'LAST_VALUE', argTypes: [BIGINT] }, column([1, null]))).toBe(null);
    expect(aggregate({ name: 'FIRST_VALUE', argTypes: [BIGINT] }, [])).toBe(null);
  });

  it('merge the other side as arriving later', () => {
    const rows = column([null, 5, 6, 7]);
    expect(aggregateSplit({ name: 'FIRST_VALUE', argTypes: [BIGINT] }, rows, 0)).toBe(null);
    expect(aggregateSplit({ name: 'FIRST_VALUE', argTypes: [BIGINT] }, column([5, 6]), 1)).toBe(5);
    expect(aggregateSplit({ name: 'LAST_VALUE', argTypes: [BIGINT] }, rows, 4)).toBe(7);
    expect(aggregateSplit({ name: 'LAST_VALUE', argTypes: [BIGINT] }, column([5, null]), 1)).toBe(null);
  });

  it('keep the argument type and declare themselves order-sensitive', () => {
    expect(lookup('FIRST').resolve([decimal(8, 3)], { distinct: false }).result).toEqual(decimal(8, 3));
    expect(lookup('LAST_VALUE').orderSensitive).toBe(true);
    expect(lookup('SUM').orderSensitive).toBeUndefined();
  });
});

const agg = (
  name: string,
  values: readonly SqlValue[],
  separator?: SqlValue,
  distinct = false,
  types: readonly SqlType[] = [STRING, STRING],
) =>
  separator === undefined
    ? aggregate({ name, argTypes: [types[0]!], distinct }, column(values))
    : aggregate(
        { name, argTypes: types, constants: [undefined, separator], distinct },
        values.map((v) => [v, separator]),
      );

describe('STRING_AGG and LISTAGG', () => {
  it('join the non-NULL values in arrival order with the separator', () => {
    expect(agg('STRING_AGG', ['b', null, 'a', 'c'], '|')).toBe('b|a|c');
    expect(agg('GROUP_CONCAT', ['x', 'y'], ', ')).toBe('x, y');
    expect(agg('LISTAGG', ['1', '2'], '-')).toBe('1-2');
    expect(agg('COLLECT', ['solo'], '-')).toBe('solo');
  });

  it('use "," without a separator and nothing with a NULL one', () => {
    expect(agg('STRING_AGG', ['a', 'b'])).toBe('a,b');
    expect(agg('LISTAGG', ['a', 'b'], null)).toBe('ab');
  });

  it('are NULL when no value was joined; an empty string is a value', () => {
    expect(agg('STRING_AGG', [null, null], ';')).toBe(null);
    expect(agg('STRING_AGG', [], ';')).toBe(null);
    expect(agg('STRING_AGG', ['', ''], ';')).toBe(';');
  });

  it('see any scalar as its text', () => {
    expect(lookup('STRING_AGG').resolve([BIGINT, STRING], { distinct: false }).argTypes).toEqual([STRING, STRING]);
    expect(agg('STRING_AGG', [1, 20, null], '+', false, [BIGINT, STRING])).toBe('1+20');
    expect(agg('STRING_AGG', [dec('1.50'), dec('2.00')], ';', false, [decimal(4, 2), STRING])).toBe('1.50;2.00');
  });

  it('with DISTINCT join each value once, at its first arrival', () => {
    expect(agg('STRING_AGG', ['b', 'a', 'b', 'c', 'a'], ',', true)).toBe('b,a,c');
  });

  it('merge the other side after this one', () => {
    const call = { name: 'STRING_AGG', argTypes: [STRING, STRING], constants: [undefined, '/'] };
    const rows = ['a', 'b', null, 'c'].map((v) => [v, '/']);
    expect(aggregateSplit(call, rows, 2)).toBe('a/b/c');
    expect(aggregateSplit(call, rows, 0)).toBe('a/b/c');
    expect(aggregateSplit(call, rows, 4)).toBe('a/b/c');
  });

  it('need a constant separator', () => {
    const fn = lookup('STRING_AGG');
    expect(() => fn.prepare([undefined, undefined], [STRING, STRING], { distinct: false })).toThrow(
      'STRING_AGG: argument 2 (the separator) must be a constant',
    );
  });
});
