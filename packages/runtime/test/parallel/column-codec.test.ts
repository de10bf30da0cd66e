import { Decimal } from '@velots/decimal';
import type { Row } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { decodeRows, encodeRows } from '../../src/parallel/column-codec.js';
import { reviveValue } from '../../src/parallel/transfer.js';

/** Encodes, posts through structured clone as a worker message would, decodes. */
function roundTrip(rows: Row[], indexes: number[], width: number): { decoded: Row[]; kinds: string[]; moved: number } {
  const transfer: ArrayBuffer[] = [];
  const encoded = structuredClone(encodeRows(rows, indexes, width, transfer), { transfer });
  return { decoded: decodeRows(encoded, reviveValue), kinds: encoded.columns.map((c) => c.kind), moved: transfer.length };
}

describe('the column encoding of rows posted to worker threads', () => {
  it('moves numbers and same-scale decimals as Float64Arrays and joins strings, giving back equal rows', () => {
    const rows: Row[] = [
      ['a', 1.5, Decimal.parse('12.3'), -0],
      ['bb', 2, Decimal.parse('-0.1'), 7],
      ['', Number.NaN, Decimal.parse('4.0'), 2 ** 40],
    ];
    const { decoded, kinds, moved } = roundTrip(rows, [2, 0], 4);
    expect(kinds).toEqual(['string', 'number', 'decimal', 'number']);
    expect(moved).toBe(3);
    expect(decoded.map((r) => r.map((v) => (v instanceof Decimal ? `dec:${v.toString()}` : v)))).toEqual([
      ['', Number.NaN, 'dec:4.0', 2 ** 40],
      ['a', 1.5, 'dec:12.3', -0],
    ]);
    expect(decoded[1]![2]).toBeInstanceOf(Decimal);
  });

  it('sends mixed columns, NULLs, bigints, nested values and strings holding the separator value by value', () => {
    const rows: Row[] = [
      ['x\u0000y', null, 10n ** 20n, [Decimal.parse('1.25'), 'n'], new Map([['k', Decimal.parse('2.5')]]), Decimal.parse('1.5')],
      ['z', 3, 4, [], new Map(), Decimal.parse('1.55')],
    ];
    const { decoded, kinds } = roundTrip(rows, [0, 1], 6);
    expect(kinds).toEqual(['values', 'values', 'values', 'values', 'values', 'values']);
    expect(decoded[0]![0]).toBe('x\u0000y');
    expect(decoded[0]![1]).toBeNull();
    expect(decoded[0]![2]).toBe(10n ** 20n);
    const nested = decoded[0]![3] as unknown[];
    expect(nested[0]).toBeInstanceOf(Decimal);
    expect(String(nested[0])).toBe('1.25');
    expect(String((decoded[0]![4] as Map<string, unknown>).get('k'))).toBe('2.5');
    expect(decoded.map((r) => String(r[5]))).toEqual(['1.5', '1.55']);
    expect(decoded[1]![5]).toBeInstanceOf(Decimal);
  });

  it('encodes an empty share of a batch as no rows', () => {
    expect(roundTrip([['a', 1]], [], 2).decoded).toEqual([]);
  });
});
