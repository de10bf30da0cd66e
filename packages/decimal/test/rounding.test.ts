import { describe, expect, it } from 'vitest';
import { Decimal, ROUNDING_MODES, type RoundingMode } from '../src/index.js';

// Each input rounded to scale 0 by each mode: the table SQL and java.math.BigDecimal document.
const EXPECTED: Record<string, Record<RoundingMode, string>> = {
  '5.5': { HALF_UP: '6', HALF_EVEN: '6', HALF_DOWN: '5', DOWN: '5', UP: '6', FLOOR: '5', CEILING: '6' },
  '2.5': { HALF_UP: '3', HALF_EVEN: '2', HALF_DOWN: '2', DOWN: '2', UP: '3', FLOOR: '2', CEILING: '3' },
  '1.6': { HALF_UP: '2', HALF_EVEN: '2', HALF_DOWN: '2', DOWN: '1', UP: '2', FLOOR: '1', CEILING: '2' },
  '1.1': { HALF_UP: '1', HALF_EVEN: '1', HALF_DOWN: '1', DOWN: '1', UP: '2', FLOOR: '1', CEILING: '2' },
  '1.0': { HALF_UP: '1', HALF_EVEN: '1', HALF_DOWN: '1', DOWN: '1', UP: '1', FLOOR: '1', CEILING: '1' },
  '-1.0': { HALF_UP: '-1', HALF_EVEN: '-1', HALF_DOWN: '-1', DOWN: '-1', UP: '-1', FLOOR: '-1', CEILING: '-1' },
  '-1.1': { HALF_UP: '-1', HALF_EVEN: '-1', HALF_DOWN: '-1', DOWN: '-1', UP: '-2', FLOOR: '-2', CEILING: '-1' },
  '-1.6': { HALF_UP: '-2', HALF_EVEN: '-2', HALF_DOWN: '-2', DOWN: '-1', UP: '-2', FLOOR: '-2', CEILING: '-1' },
  '-2.5': { HALF_UP: '-3', HALF_EVEN: '-2', HALF_DOWN: '-2', DOWN: '-2', UP: '-3', FLOOR: '-3', CEILING: '-2' },
  '-5.5': { HALF_UP: '-6', HALF_EVEN: '-6', HALF_DOWN: '-5', DOWN: '-5', UP: '-6', FLOOR: '-6', CEILING: '-5' },
  '0.5': { HALF_UP: '1', HALF_EVEN: '0', HALF_DOWN: '0', DOWN: '0', UP: '1', FLOOR: '0', CEILING: '1' },
  '-0.5': { HALF_UP: '-1', HALF_EVEN: '0', HALF_DOWN: '0', DOWN: '0', UP: '-1', FLOOR: '-1', CEILING: '0' },
};

describe('rounding modes', () => {
  for (const [input, byMode] of Object.entries(EXPECTED)) {
    it(`rounds ${input} to an integer in every mode`, () => {
      for (const mode of ROUNDING_MODES) {
        expect([mode, Decimal.parse(input).rescale(0, mode).toString()]).toEqual([mode, byMode[mode]]);
      }
    });
  }

  it('rounds exact ties beyond 2^53 the same way as small ones', () => {
    // 12345678901234567890.5 has a bigint unscaled value.
    const tie = Decimal.parse('12345678901234567890.5');
    expect(tie.rescale(0).toString()).toBe('12345678901234567891');
    expect(tie.rescale(0, 'HALF_EVEN').toString()).toBe('12345678901234567890');
    expect(tie.neg().rescale(0).toString()).toBe('-12345678901234567891');
    expect(tie.neg().rescale(0, 'HALF_DOWN').toString()).toBe('-12345678901234567890');
  });

  it('rejects an unknown mode with INVALID_ARGUMENT', () => {
    expect(() => Decimal.parse('1.5').rescale(0, 'NEAREST' as RoundingMode)).toThrow("unknown rounding mode 'NEAREST'");
  });
});
