import { describe, it, expect } from 'vitest';
import { Decimal } from '@velots/decimal';
import { SqlTypes, formatSqlType, arrayType, field, structType } from '@velots/core';
import { call, errorOf, resultType } from './call.js';
import { defaultFunctionCatalog } from '../../src/functions/catalog.js';

describe('constructors', () => {
  it('ARRAY keeps NULL elements and unifies types', () => {
    expect(call('ARRAY', 1, null, 3)).toEqual([1, null, 3]);
    expect(call('ARRAY')).toEqual([]);
    expect(formatSqlType(resultType('ARRAY', SqlTypes.BIGINT, SqlTypes.DOUBLE))).toBe('ARRAY(DOUBLE)');
    expect(call('ARRAY', 1, 2.5)).toEqual([1, 2.5]);
  });

  it('MAP pairs keys and values', () => {
    expect(call('MAP', 'a', 1, 'b', 2)).toEqual(new Map([['a', 1], ['b', 2]]));
    expect(formatSqlType(resultType('MAP', SqlTypes.STRING, SqlTypes.BIGINT))).toBe('MAP(STRING, BIGINT)');
    expect(errorOf('MAP', 'a')?.code).toBe('TYPE_MISMATCH');
  });

  it('STRUCT takes its field names from constant arguments', () => {
    const fn = defaultFunctionCatalog.lookup('STRUCT');
    const sig = fn?.resolveWithConstants?.([SqlTypes.STRING, SqlTypes.BIGINT, SqlTypes.STRING, SqlTypes.STRING], ['id', undefined, 'name', undefined]);
    expect(sig && formatSqlType(sig.result)).toBe('STRUCT(id BIGINT, name STRING)');
    const impl = fn?.prepare(['id', undefined, 'name', undefined], sig?.argTypes ?? []);
    expect(impl?.({ now: 0, recordTimestamp: 0, headers: undefined, outputHeaders: undefined }, ['id', 7, 'name', null])).toEqual({ id: 7, name: null });
    expect(() => fn?.resolveWithConstants?.([SqlTypes.STRING, SqlTypes.BIGINT], [undefined, undefined])).toThrow(/constant field name/);
  });
});

describe('accessors', () => {
  it('ARRAY_LENGTH and CARDINALITY count elements (JSON text too)', () => {
    expect(call('ARRAY_LENGTH', [1, 2, 3])).toBe(3);
    expect(call('ARRAY_LENGTH', '[1,2]')).toBe(2);
    expect(call('ARRAY_LENGTH', '{"a":1}')).toBeNull();
    expect(call('ARRAY_LENGTH', null)).toBeNull();
    expect(call('CARDINALITY', new Map([['a', 1]]))).toBe(1);
    expect(call('CARDINALITY', ['x'])).toBe(1);
    expect(errorOf('CARDINALITY', 'x')?.code).toBe('TYPE_MISMATCH');
  });

  it('ARRAY_CONTAINS compares by value', () => {
    expect(call('ARRAY_CONTAINS', [1, 2, 3], 2)).toBe(true);
    expect(call('ARRAY_CONTAINS', [1, 2, 3], Decimal.parse('2.0'))).toBe(true);
    expect(call('ARRAY_CONTAINS', ['a', null], 'b')).toBe(false);
    expect(call('ARRAY_CONTAINS', '["a","b"]', 'b')).toBe(true);
    expect(call('ARRAY_CONTAINS', '[1.5]', 1.5)).toBe(true);
    expect(call('ARRAY_CONTAINS', [1], null)).toBeNull();
  });

  it('ARRAY_DISTINCT keeps first occurrences in order', () => {
    expect(call('ARRAY_DISTINCT', [3, 1, 3, 2, 1])).toEqual([3, 1, 2]);
    expect(call('ARRAY_DISTINCT', '["a","b","a"]')).toEqual(['a', 'b']);
    expect(formatSqlType(resultType('ARRAY_DISTINCT', arrayType(SqlTypes.DOUBLE)))).toBe('ARRAY(DOUBLE)');
  });

  it('MAP_KEYS and MAP_VALUES read maps and JSON objects', () => {
    const m = new Map([['a', 1], ['b', 2]]);
    expect(call('MAP_KEYS', m)).toEqual(['a', 'b']);
    expect(call('MAP_VALUES', m)).toEqual([1, 2]);
    expect(call('MAP_KEYS', '{"x":1,"y":{"z":2}}')).toEqual(['x', 'y']);
    expect(call('MAP_VALUES', '{"x":1,"y":{"z":2},"n":null}')).toEqual(['1', '{"z":2}', null]);
    expect(call('MAP_KEYS', '[1]')).toBeNull();
  });
});

describe('accessors', () => {
  it('ARRAY_EXTRACT is 1-based, counts back from the end when negative, and is NULL out of range; it looks MAPs up by key', () => {
    const list = [10, 20, 30];
    expect([1, 3, -1, -3, 0, 4, -4].map((i) => call('ARRAY_EXTRACT', list, i))).toEqual([10, 30, 30, 10, null, null, null]);
    expect(call('ARRAY_EXTRACT', new Map([['a', 1]]), 'a')).toBe(1);
    expect(errorOf('ARRAY_EXTRACT', 'x', 1)?.code).toBe('TYPE_MISMATCH');
  });

  it('STRUCT_EXTRACT types the field by its constant name and reads it (NULL when absent)', () => {
    const fn = defaultFunctionCatalog.lookup('STRUCT_EXTRACT');
    const struct = structType([field('id', SqlTypes.BIGINT)]);
    const sig = fn?.resolveWithConstants?.([struct, SqlTypes.STRING], [undefined, 'id']);
    expect(sig?.result).toEqual(SqlTypes.BIGINT);
    expect(() => fn?.resolveWithConstants?.([struct, SqlTypes.STRING], [undefined, 'nope'])).toThrow(/no field 'nope'/);
    const impl = fn?.prepare([undefined, 'id'], sig?.argTypes ?? []);
    const ctx = { now: 0, recordTimestamp: 0, headers: undefined, outputHeaders: undefined };
    expect(impl?.(ctx, [{ id: 7 }, 'id'])).toBe(7);
    expect(impl?.(ctx, [{}, 'id'])).toBeNull();
  });
});
