import { describe, expect, it } from 'vitest';
import { isDecimalValue, type DecimalValue, type Row } from '@velots/core';

describe('isDecimalValue', () => {
  const decimal = (unscaled: number | bigint, scale: number): DecimalValue => ({
    unscaled,
    scale,
    toString: () => `${unscaled}e-${scale}`,
  });

  it('accepts the DecimalValue shape with a number or bigint unscaled value', () => {
    expect(isDecimalValue(decimal(1250, 2))).toBe(true);
    expect(isDecimalValue(decimal(12345678901234567890n, 4))).toBe(true);
  });

  it('rejects other values a row can hold', () => {
    const others: unknown[] = [null, undefined, 12.5, 10n, '12.50', true, new Uint8Array(2), [1], new Map(), {}];
    expect(others.map(isDecimalValue)).toEqual(others.map(() => false));
  });

  it('rejects objects whose unscaled or scale has the wrong type', () => {
    expect(isDecimalValue({ unscaled: '1250', scale: 2 })).toBe(false);
    expect(isDecimalValue({ unscaled: 1250, scale: 2n })).toBe(false);
    expect(isDecimalValue({ unscaled: 1250 })).toBe(false);
  });

  it('lets a row hold every value representation side by side', () => {
    const row: Row = [
      null,
      true,
      42,
      2n ** 60n,
      'text',
      new Uint8Array([1]),
      decimal(5, 1),
      [1, 2],
      new Map([['k', 1]]),
      { a: 1 },
    ];
    expect(row).toHaveLength(10);
    expect(isDecimalValue(row[6])).toBe(true);
  });
});
