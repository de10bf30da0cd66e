import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '@velots/decimal';
import type { SqlValue } from '@velots/core';
import { compareValues, hashKey, valuesEqual } from '../../src/values/compare.js';

const dec = (text: string): SqlValue => Decimal.parse(text);

describe('compareValues', () => {
  it('orders numbers by value across number, bigint and DECIMAL', () => {
    expect(compareValues(1, dec('1.0'))).toBe(0);
    expect(compareValues(dec('1.1'), dec('1.10'))).toBe(0);
    expect(compareValues(dec('1.09'), dec('1.1'))).toBe(-1);
    expect(compareValues(2n ** 60n, 2 ** 60)).toBe(0);
    expect(compareValues(2n ** 60n + 1n, 2 ** 60)).toBe(1);
    expect(compareValues(0.5, dec('0.5'))).toBe(0);
    expect(compareValues(-3, dec('-2.999'))).toBe(-1);
    expect(compareValues(dec('12345678901234567890.5'), 12345678901234567890n)).toBe(1);
  });

  it('orders a DECIMAL against an integer exactly (the bigint-free path), whatever the scale and magnitude', () => {
    const integer = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 60, 0));
    const unscaled = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constantFrom(2 ** 53 - 1, -(2 ** 53 - 1)));
    fc.assert(
      fc.property(unscaled, fc.integer({ min: 0, max: 30 }), integer, (u, scale, n) => {
        const d = Decimal.fromUnscaled(u, scale);
        // Exact reference: u vs n·10^scale in bigints.
        const left = BigInt(u);
        const right = BigInt(n) * 10n ** BigInt(scale);
        const expected = left < right ? -1 : left > right ? 1 : 0;
        expect(compareValues(d, n)).toBe(expected);
        expect(compareValues(n, d)).toBe(-expected || 0);
      }),
    );
    expect(compareValues(dec('250.00'), 250)).toBe(0);
    expect(compareValues(dec('250.01'), 250)).toBe(1);
    expect(compareValues(249, dec('249.99'))).toBe(-1);
    expect(compareValues(250, dec('249.99'))).toBe(1);
  });

  it('never rounds through a float: the double 0.1 is not the DECIMAL 0.1', () => {
    expect(compareValues(0.1, dec('0.1'))).toBe(1);
    expect(compareValues(9007199254740993n, 9007199254740992)).toBe(1);
  });

  it('orders strings by code unit, booleans false before true, NaN last', () => {
    expect(compareValues('B', 'a')).toBe(-1);
    expect(compareValues('abc', 'abd')).toBe(-1);
    expect(compareValues('', 'a')).toBe(-1);
    expect(compareValues(false, true)).toBe(-1);
    expect(compareValues(true, true)).toBe(0);
    expect(compareValues(NaN, Infinity)).toBe(1);
    expect(compareValues(NaN, NaN)).toBe(0);
    expect(compareValues(-Infinity, dec('-99999999999999999999'))).toBe(-1);
  });

  it('orders arrays lexicographically and maps by sorted entries', () => {
    expect(compareValues([1, 2], [1, 3])).toBe(-1);
    expect(compareValues([1, 2], [1, 2, 0])).toBe(-1);
    expect(compareValues([1, dec('2.0')], [1, 2])).toBe(0);
    expect(compareValues(new Map([['a', 1], ['b', 2]]), new Map([['b', 2], ['a', 1]]))).toBe(0);
    expect(compareValues({ x: 1, y: 'a' }, { y: 'a', x: 1 })).toBe(0);
  });

  it('puts NULL first', () => {
    expect(compareValues(null, 0)).toBe(-1);
    expect(compareValues(null, null)).toBe(0);
  });
});

describe('valuesEqual and hashKey', () => {
  it('treat 1.1 and 1.10, and BIGINT 1 and DECIMAL 1.0, as one value', () => {
    expect(valuesEqual(dec('1.1'), dec('1.10'))).toBe(true);
    expect(hashKey(dec('1.1'))).toBe(hashKey(dec('1.10')));
    expect(valuesEqual(1, dec('1.0'))).toBe(true);
    expect(hashKey(1)).toBe(hashKey(dec('1.0')));
    expect(hashKey(1n)).toBe(hashKey(1));
    expect(hashKey(2n ** 70n)).toBe(hashKey(dec('1180591620717411303424.00')));
    expect(hashKey(0.5)).toBe(hashKey(dec('0.50')));
    expect(hashKey(-0)).toBe(hashKey(0));
  });

  it('keep different values apart', () => {
    expect(hashKey('1')).not.toBe(hashKey(1));
    expect(hashKey(0.1)).not.toBe(hashKey(dec('0.1')));
    expect(hashKey(['a,b'])).not.toBe(hashKey(['a', 'b']));
    expect(hashKey(true)).not.toBe(hashKey(1));
    expect(hashKey(null)).not.toBe(hashKey('null'));
  });

  const numeric = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
    fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
    fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 })).map(([u, s]) =>
      Decimal.fromUnscaled(u >= -9007199254740991n && u <= 9007199254740991n ? Number(u) : u, s),
    ),
    fc.constantFrom(0.5, 1.25, 3, -2, 0),
  );

  it('are consistent with compareValues for any two numbers', () => {
    fc.assert(
      fc.property(numeric, numeric, (a, b) => {
        const equal = compareValues(a, b) === 0;
        expect(valuesEqual(a, b)).toBe(equal);
        expect(hashKey(a) === hashKey(b)).toBe(equal);
        expect(compareValues(b, a)).toBe(-compareValues(a, b) || 0);
      }),
    );
  });

  it('are consistent for strings, booleans and arrays', () => {
    const value = fc.oneof(fc.string({ maxLength: 4 }), fc.boolean(), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }));
    fc.assert(
      fc.property(value, value, (a, b) => {
        const equal = compareValues(a, b) === 0;
        expect(valuesEqual(a, b)).toBe(equal);
        expect(hashKey(a) === hashKey(b)).toBe(equal);
      }),
    );
  });

  it('ignore trailing zeros of a DECIMAL, small or large', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 }), (u, s, k) => {
        const norm = (x: bigint) => (x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x);
        const a = Decimal.fromUnscaled(norm(u), s);
        const b = Decimal.fromUnscaled(norm(u * 10n ** BigInt(k)), s + k);
        expect(compareValues(a, b)).toBe(0);
        expect(hashKey(a)).toBe(hashKey(b));
        expect(compareValues(a, Decimal.fromUnscaled(norm(u * 10n ** BigInt(k) + 1n), s + k))).toBe(-1);
      }),
    );
  });

  it('order transitively', () => {
    fc.assert(
      fc.property(numeric, numeric, numeric, (a, b, c) => {
        const sorted = [a, b, c].sort(compareValues);
        expect(compareValues(sorted[0] as SqlValue, sorted[1] as SqlValue)).toBeLessThanOrEqual(0);
        expect(compareValues(sorted[1] as SqlValue, sorted[2] as SqlValue)).toBeLessThanOrEqual(0);
        expect(compareValues(sorted[0] as SqlValue, sorted[2] as SqlValue)).toBeLessThanOrEqual(0);
      }),
    );
  });
});
