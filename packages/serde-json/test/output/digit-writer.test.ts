import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeDigits } from '../../src/output/digit-writer.js';

function digitsOf(v: number, width: number): string {
  const bytes = Buffer.alloc(40, 120); // 'x' around the digits shows a write outside them
  const end = writeDigits(bytes, 3, v, width);
  expect(bytes[2]).toBe(120);
  expect(bytes[end]).toBe(120);
  return bytes.toString('latin1', 3, end);
}

describe('writeDigits', () => {
  it('writes String(v) for every power of ten and its neighbours up to 2^53', () => {
    for (let p = 1; p <= 2 ** 53; p *= 10) {
      for (const v of [p - 1, p, p + 1]) expect(digitsOf(v, 0)).toBe(String(v));
    }
    for (const v of [0, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 2 ** 32, 999_999_999_999, 1_704_067_200_000, 2 ** 53 - 1, 2 ** 53 - 2]) {
      expect(digitsOf(v, 0)).toBe(String(v));
    }
  });

  it('writes String(v) for any safe integer, and pads to a width with zeros', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.integer({ min: 0, max: 2 ** 40 })), fc.integer({ min: 0, max: 18 }), (v, width) => {
        expect(digitsOf(v, 0)).toBe(String(v));
        expect(digitsOf(v, width)).toBe(String(v).padStart(width, '0'));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes the remainder of a value just below a multiple of 10^9 without rounding across it', () => {
    for (let k = 1; k < 9_007_199; k = k * 3 + 1) {
      const v = k * 1e9 - 1;
      expect(digitsOf(v, 0)).toBe(String(v));
      expect(digitsOf(k * 1e9, 0)).toBe(String(k * 1e9));
    }
  });
});
