import { describe, expect, it } from 'vitest';
import {
  addUnscaled,
  assertFitsPrecision,
  compareUnscaled,
  divUnscaled,
  modUnscaled,
  mulUnscaled,
  negateUnscaled,
  rescaleUnscaled,
  subUnscaled,
} from '../src/index.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

describe('number-path functions for generated code', () => {
  it('adds aligned unscaled values and returns numbers while they fit', () => {
    expect(addUnscaled(1999, 2, 1, 2, 2)).toBe(2000);
    expect(addUnscaled(1999, 2, 1, 3, 3)).toBe(19991);
    expect(addUnscaled(15, 1, 1, 0, 1)).toBe(25);
    expect(subUnscaled(100, 2, 1, 3, 3)).toBe(999);
  });

  it('moves to bigint exactly at 2^53 and back when the result is small again', () => {
    expect(addUnscaled(MAX_SAFE, 0, 0, 0, 0)).toBe(MAX_SAFE);
    expect(addUnscaled(MAX_SAFE, 0, 1, 0, 0)).toBe(9007199254740992n);
    expect(addUnscaled(MAX_SAFE, 0, MAX_SAFE, 0, 0)).toBe(18014398509481982n);
    expect(subUnscaled(-MAX_SAFE, 0, 2, 0, 0)).toBe(-9007199254740993n);
    expect(subUnscaled(9007199254740993n, 0, 2, 0, 0)).toBe(MAX_SAFE);
    expect(addUnscaled(MAX_SAFE, 0, 1, 1, 1)).toBe(90071992547409911n);
  });

  it('rounds a sum to a smaller result scale (reduced SQL result types)', () => {
    expect(addUnscaled(1, 3, 4, 3, 2)).toBe(1); // 0.005 → 0.01
    expect(addUnscaled(-1, 3, -4, 3, 2)).toBe(-1);
    expect(addUnscaled(1, 3, 4, 3, 2, 'HALF_EVEN')).toBe(0);
  });

  it('multiplies into the scale s1 + s2 or rounds to a smaller one', () => {
    expect(mulUnscaled(1999, 2, 3, 0, 2)).toBe(5997);
    expect(mulUnscaled(125, 2, 5, 1, 3)).toBe(625);
    expect(mulUnscaled(125, 2, 5, 1, 2)).toBe(63);
    expect(mulUnscaled(-125, 2, 5, 1, 2)).toBe(-63);
    expect(mulUnscaled(94906267, 0, 94906267, 0, 0)).toBe(9007199515875289n);
    expect(mulUnscaled(10n ** 20n, 0, 10n ** 10n, 2, 2)).toBe(10n ** 30n);
    expect(Object.is(mulUnscaled(-3, 0, 0, 0, 0), 0)).toBe(true);
  });

  it('divides with one rounding at the requested scale', () => {
    expect(divUnscaled(1, 0, 3, 0, 6)).toBe(333333);
    expect(divUnscaled(2, 0, 3, 0, 6)).toBe(666667);
    expect(divUnscaled(-2, 0, 3, 0, 6)).toBe(-666667);
    expect(divUnscaled(2, 0, -3, 0, 6)).toBe(-666667);
    expect(divUnscaled(1000, 3, 3, 0, 0)).toBe(0); // 1.000 / 3 → 0
    expect(divUnscaled(2500, 3, 1, 0, 0)).toBe(3); // 2.5 → 3 at scale 0
    expect(divUnscaled(2500, 3, 1, 0, 0, 'HALF_EVEN')).toBe(2);
    expect(divUnscaled(MAX_SAFE, 0, 1, 0, 2)).toBe(900719925474099100n);
    expect(Object.is(divUnscaled(1, 0, -3, 0, 0), 0)).toBe(true);
  });

  it('takes remainders on aligned scales', () => {
    expect(modUnscaled(725, 2, 5, 1, 2)).toBe(25);
    expect(modUnscaled(-725, 2, 5, 1, 2)).toBe(-25);
    expect(modUnscaled(10n ** 30n + 7n, 0, 10, 0, 0)).toBe(7);
  });

  it('compares across scales and representations', () => {
    expect(compareUnscaled(110, 2, 11, 1)).toBe(0);
    expect(compareUnscaled(109, 2, 11, 1)).toBe(-1);
    expect(compareUnscaled(MAX_SAFE, 0, MAX_SAFE, 1)).toBe(1);
    expect(compareUnscaled(9007199254740992n, 0, MAX_SAFE, 0)).toBe(1);
    expect(compareUnscaled(-(10n ** 37n), 0, 1, 38)).toBe(-1);
  });

  it('negates without producing −0', () => {
    expect(Object.is(negateUnscaled(0), 0)).toBe(true);
    expect(negateUnscaled(-5)).toBe(5);
    expect(negateUnscaled(-(2n ** 60n))).toBe(2n ** 60n);
  });

  it('rescales up exactly and down with rounding', () => {
    expect(rescaleUnscaled(15, 1, 3)).toBe(1500);
    expect(rescaleUnscaled(15, 1, 0)).toBe(2);
    expect(rescaleUnscaled(-15, 1, 0)).toBe(-2);
    expect(rescaleUnscaled(15, 1, 0, 'DOWN')).toBe(1);
    expect(rescaleUnscaled(1, 0, 30)).toBe(10n ** 30n);
    expect(rescaleUnscaled(5, 30, 0, 'UP')).toBe(1);
  });

  it('checks a result against a declared precision', () => {
    expect(assertFitsPrecision(99999, 5, 2)).toBe(99999);
    expect(() => assertFitsPrecision(100000, 5, 2)).toThrow('value 1000.00 does not fit DECIMAL(5,2)');
    expect(() => assertFitsPrecision(10n ** 20n, 20, 0)).toThrow('does not fit DECIMAL(20,0)');
  });
});
