import { describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { decodeState, encodeState } from '../../src/checkpoint/state-codec.js';

describe('checkpoint state codec', () => {
  it('round-trips every state value kind exactly', () => {
    const state = {
      count: 5,
      double: 1.25,
      big: 2n ** 100n,
      negativeBig: -(2n ** 70n),
      small: -1n,
      text: 'münchen',
      none: null,
      missing: undefined,
      flag: true,
      bytes: new Uint8Array([0, 255, 7]),
      doubles: new Float64Array([1.5, Number.NaN, Number.POSITIVE_INFINITY]),
      ints: new Int32Array([-3, 4]),
      groups: new Map<unknown, unknown>([[1, 'one'], ['k', [1, 2]], [2n ** 65n, { nested: true }]]),
      money: Decimal.parse('-12345678901234567890123.45'),
      cents: Decimal.parse('19.90'),
      rows: [[1, 'a', null], [2, 'b', Decimal.parse('0.001')]],
    };
    const decoded = decodeState(encodeState(state as never)) as typeof state;
    expect(decoded.count).toBe(5);
    expect(decoded.double).toBe(1.25);
    expect(decoded.big).toBe(2n ** 100n);
    expect(decoded.negativeBig).toBe(-(2n ** 70n));
    expect(decoded.small).toBe(-1n);
    expect(decoded.text).toBe('münchen');
    expect(decoded.none).toBeNull();
    expect('missing' in decoded && decoded.missing === undefined).toBe(true);
    expect(decoded.flag).toBe(true);
    expect([...decoded.bytes]).toEqual([0, 255, 7]);
    expect(decoded.doubles).toBeInstanceOf(Float64Array);
    expect([...decoded.doubles]).toEqual([1.5, Number.NaN, Number.POSITIVE_INFINITY]);
    expect(decoded.ints).toBeInstanceOf(Int32Array);
    expect([...decoded.ints]).toEqual([-3, 4]);
    expect(decoded.groups).toBeInstanceOf(Map);
    expect([...decoded.groups.entries()]).toEqual([[1, 'one'], ['k', [1, 2]], [2n ** 65n, { nested: true }]]);
    expect(decoded.money).toBeInstanceOf(Decimal);
    expect(decoded.money.toString()).toBe('-12345678901234567890123.45');
    expect(decoded.cents.toString()).toBe('19.90');
    expect(decoded.cents.scale).toBe(2);
    expect(decoded.rows[1]![2]).toBeInstanceOf(Decimal);
    expect(String(decoded.rows[1]![2])).toBe('0.001');
  });

  it('keeps a plain object with decimal-like fields an object', () => {
    const decoded = decodeState(encodeState({ unscaled: 5, scale: 2 })) as unknown;
    expect(decoded).toEqual({ unscaled: 5, scale: 2 });
  });
});
