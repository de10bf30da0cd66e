import { describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { decimalText, integerText } from '../../src/typing/number-text.js';

describe('number text for the sinks', () => {
  it('writes integers exactly as String does, around every split point and sign', () => {
    const values = [0, -0, 1, -1, 999_999, 1_000_000, 0x3fffffff, 0x40000000, -0x40000000, 2 ** 31, 1704067200000, 1704067200007,
      1_000_000_000_000, 999_999_999_999_999, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53, 1e21, 1.5, -2.25, NaN, Infinity];
    for (let i = 0; i < 20_000; i++) values.push(Math.floor(Math.random() * Number.MAX_SAFE_INTEGER) * (i % 2 ? 1 : -1));
    for (const v of values) expect([v, integerText(v)]).toEqual([v, String(v)]);
  });

  it('writes decimals exactly as Decimal.toString, for every scale up to 15 and beyond', () => {
    const cases: [number | bigint, number][] = [[0, 0], [0, 3], [-0, 1], [5, 1], [-5, 1], [-123, 1], [1, 15], [-1, 15], [999_999, 6],
      [1_000_000, 6], [Number.MAX_SAFE_INTEGER, 2], [Number.MIN_SAFE_INTEGER, 15], [123, 16], [12345678901234567890n, 4]];
    for (let i = 0; i < 20_000; i++) {
      cases.push([Math.floor(Math.random() * 2 ** (1 + (i % 53))) * (i % 3 ? 1 : -1), i % 17]);
    }
    for (const [unscaled, scale] of cases) {
      const d = Decimal.fromUnscaled(unscaled, scale);
      expect([String(unscaled), scale, decimalText(d)]).toEqual([String(unscaled), scale, d.toString()]);
    }
  });
});
