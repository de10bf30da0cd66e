import { describe, expect, it } from 'vitest';
import {
  addResultType,
  avgResultType,
  divResultType,
  MAX_NUMBER_PATH_PRECISION,
  fitResultType,
  fitsNumberPath,
  integerDecimalType,
  modResultType,
  mulResultType,
  subResultType,
  sumResultType,
} from '../src/index.js';

describe('SQL result types of DECIMAL arithmetic', () => {
  it('adds one digit for the carry at scale max(s1, s2)', () => {
    expect(addResultType(10, 2, 10, 2)).toEqual({ precision: 11, scale: 2 });
    expect(addResultType(5, 0, 10, 4)).toEqual({ precision: 11, scale: 4 });
    expect(subResultType(7, 3, 9, 1)).toEqual({ precision: 12, scale: 3 });
  });

  it('multiplies to precision p1 + p2 + 1 and scale s1 + s2', () => {
    expect(mulResultType(10, 2, 10, 0)).toEqual({ precision: 21, scale: 2 });
    expect(mulResultType(5, 2, 5, 3)).toEqual({ precision: 11, scale: 5 });
  });

  it('divides to scale max(6, s1 + p2 + 1)', () => {
    expect(divResultType(10, 2, 10, 2)).toEqual({ precision: 23, scale: 13 });
    expect(divResultType(5, 0, 1, 0)).toEqual({ precision: 11, scale: 6 });
    expect(divResultType(10, 4, 5, 2)).toEqual({ precision: 18, scale: 10 });
  });

  it('takes the remainder at scale max(s1, s2) with the smaller integer part', () => {
    expect(modResultType(10, 2, 5, 0)).toEqual({ precision: 7, scale: 2 });
    expect(modResultType(12, 4, 3, 1)).toEqual({ precision: 6, scale: 4 });
  });

  it('cuts the precision to 38 by giving up scale, keeping at least min(s, 6)', () => {
    expect(fitResultType(38, 10)).toEqual({ precision: 38, scale: 10 });
    expect(fitResultType(40, 10)).toEqual({ precision: 38, scale: 8 });
    expect(fitResultType(77, 20)).toEqual({ precision: 38, scale: 6 });
    expect(fitResultType(77, 4)).toEqual({ precision: 38, scale: 4 });
    expect(mulResultType(38, 10, 38, 10)).toEqual({ precision: 38, scale: 6 });
    expect(mulResultType(20, 10, 20, 10)).toEqual({ precision: 38, scale: 17 });
    expect(addResultType(38, 10, 38, 10)).toEqual({ precision: 38, scale: 9 });
    expect(divResultType(38, 10, 38, 10)).toEqual({ precision: 38, scale: 6 });
    expect(divResultType(18, 2, 10, 2)).toEqual({ precision: 31, scale: 13 });
    expect(divResultType(30, 10, 10, 0)).toEqual({ precision: 38, scale: 18 });
  });

  it('types SUM as DECIMAL(38, s) and AVG as DECIMAL(38, max(s, 6))', () => {
    expect(sumResultType(10, 2)).toEqual({ precision: 38, scale: 2 });
    expect(avgResultType(10, 2)).toEqual({ precision: 38, scale: 6 });
    expect(avgResultType(20, 8)).toEqual({ precision: 38, scale: 8 });
    expect(integerDecimalType('BIGINT')).toEqual({ precision: 19, scale: 0 });
  });

  it('says which result precisions stay on the plain number path', () => {
    expect(fitsNumberPath(15)).toBe(true);
    expect(fitsNumberPath(16)).toBe(false);
    expect(fitsNumberPath(addResultType(10, 2, 10, 2).precision)).toBe(true);
    expect(fitsNumberPath(mulResultType(10, 2, 5, 0).precision)).toBe(false);
    expect(Number.MAX_SAFE_INTEGER > 10 ** MAX_NUMBER_PATH_PRECISION - 1).toBe(true);
    expect(Number.MAX_SAFE_INTEGER < 10 ** (MAX_NUMBER_PATH_PRECISION + 1) - 1).toBe(true);
  });

  it('rejects impossible operand types with INVALID_ARGUMENT', () => {
    expect(() => addResultType(39, 0, 1, 0)).toThrow('left DECIMAL precision must be 1..38, got 39');
    expect(() => mulResultType(10, 2, 5, 6)).toThrow('right DECIMAL scale must be 0..5, got 6');
  });
});
