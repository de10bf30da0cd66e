import { describe, expect, it } from 'vitest';
import { SqlTypes, decimalType, type SqlType } from '@velots/core';
import { declaredTextConverter, inferredTextConverter, NOT_A_VALUE, OVERFLOWS } from '../../src/typing/text-cast.js';
import { spanConverter } from '../../src/typing/span-cast.js';

/** Values as comparable text: decimals as `dec:unscaled@scale`, markers by name, -0 kept apart from 0. */
function shown(value: unknown): string {
  if (value === NOT_A_VALUE) return 'NOT_A_VALUE';
  if (value === OVERFLOWS) return 'OVERFLOWS';
  if (typeof value === 'object' && value !== null && 'unscaled' in value && 'scale' in value) {
    const d = value as { unscaled: number | bigint; scale: number };
    return `dec:${typeof d.unscaled}:${String(d.unscaled)}@${d.scale}`;
  }
  if (Object.is(value, -0)) return '-0';
  return `${typeof value}:${String(value)}`;
}

const NUMBER_TEXTS = [
  '0', '-0', '7', '-7', '007', '42', '-42', '123456789012345', '-123456789012345', '1234567890123456', '9007199254740993',
  '9223372036854775807', '-9223372036854775808', '9223372036854775808', '2147483647', '2147483648', '-2147483649',
  '0.0', '-0.0', '1.5', '-1.5', '2.50', '-12.3', '0.05', '000.050', '99.9', '-99.9', '12345678901234.5', '1234567890123.456',
  '3.14159265358979323846264338327950288', '-0.000000000000000000001', '1e3', '1.5e-3', '-2E+2', '5.', '.5', '-.5', '+1', '+1.5',
  '1.2.3', '--1', '-', '.', '1-', 'abc', '12a', '1 2', '١٢',
];

const TYPES: SqlType[] = [
  SqlTypes.BIGINT, SqlTypes.INTEGER, SqlTypes.INTERVAL, SqlTypes.DOUBLE,
  decimalType(18, 0), decimalType(19, 1), decimalType(10, 2), decimalType(4, 1), decimalType(38, 10), decimalType(20, 5), decimalType(3, 3),
];

describe('spanConverter', () => {
  it('decodes non-ASCII and invalid UTF-8 as Buffer does, and hands non-ASCII digits to the text converter', () => {
    const text = Buffer.concat([Buffer.from('a;'), Buffer.from([0xe2, 0x82]), Buffer.from(';١٢;7')]);
    const string = spanConverter(SqlTypes.STRING, declaredTextConverter(SqlTypes.STRING), false);
    expect(string(text, 2, 4)).toBe('\ufffd');
    const integer = spanConverter(SqlTypes.INTEGER, declaredTextConverter(SqlTypes.INTEGER), false);
    expect(shown(integer(text, 5, 9))).toBe(shown(declaredTextConverter(SqlTypes.INTEGER)('١٢')));
    expect(integer(text, 10, 11)).toBe(7);
    expect(integer(text, 2, 4)).toBe(NOT_A_VALUE);
  });

  for (const type of TYPES) {
    for (const inferred of [false, true]) {
      it(`gives exactly the text converter's result for ${JSON.stringify(type)} (${inferred ? 'inferred' : 'declared'}), in the middle of a line`, () => {
        const slow = inferred ? inferredTextConverter(type) : declaredTextConverter(type);
        const fast = spanConverter(type, slow, inferred);
        for (const text of NUMBER_TEXTS) {
          const line = Buffer.from(`x;${text};y`);
          expect([text, shown(fast(line, 2, line.length - 2))]).toEqual([text, shown(slow(text))]);
        }
      });
    }
  }

  const TEMPORAL_TEXTS = [
    '2024-01-31', '2024-02-29', '2023-02-29', '2024-13-01', '2024-1-31', '20240131', '2024-01-31T10:00:00', '2024-01-31T10:00:00Z',
    '2024-01-31 10:00:00', '2024-01-31t10:00:00', '2024-01-31T10:00:00.250', '2024-01-31T10:00:00.250Z', '2024-01-31T24:00:00',
    '2024-01-31T10:00:00+02:00', '2024-01-31T10:00:00.25Z', '2024-01-31T10:00:00.2500', '1706695200000', '-5', 'soon', '1969-12-31T23:59:59.999Z', '0001-01-01',
  ];
  for (const type of [SqlTypes.DATE, SqlTypes.TIMESTAMP]) {
    for (const inferred of [false, true]) {
      it(`gives exactly the text converter's result for ${type.kind} (${inferred ? 'inferred' : 'declared'})`, () => {
        const slow = inferred ? inferredTextConverter(type) : declaredTextConverter(type);
        const fast = spanConverter(type, slow, inferred);
        for (const text of TEMPORAL_TEXTS) {
          const line = Buffer.from(`ab,${text},c`);
          expect([text, shown(fast(line, 3, line.length - 2))]).toEqual([text, shown(slow(text))]);
        }
      });
    }
  }

  it('parses numbers beyond 2^53 exactly (as the text converter: bigint for BIGINT, exact unscaled for DECIMAL)', () => {
    const big = spanConverter(SqlTypes.BIGINT, declaredTextConverter(SqlTypes.BIGINT), false);
    expect(big(Buffer.from('9007199254740993'), 0, 16)).toBe(9007199254740993n);
    const dec = decimalType(38, 4);
    const decimal = spanConverter(dec, declaredTextConverter(dec), false);
    expect(shown(decimal(Buffer.from('-123456789012345678.1234'), 0, 24))).toBe('dec:bigint:-1234567890123456781234@4');
  });

  it('widens a declared DECIMAL scale exactly and reports precision overflow', () => {
    const type = decimalType(5, 2);
    const convert = spanConverter(type, declaredTextConverter(type), false);
    expect(shown(convert(Buffer.from('-12.3'), 0, 5))).toBe('dec:number:-1230@2');
    expect(shown(convert(Buffer.from('999.99'), 0, 6))).toBe('dec:number:99999@2');
    expect(convert(Buffer.from('1000'), 0, 4)).toBe(OVERFLOWS);
    expect(shown(convert(Buffer.from('0'), 0, 1))).toBe('dec:number:0@2');
  });

  it('shares one decimal object per small value at the column scale, and still gives each value exactly', () => {
    const type = decimalType(19, 1);
    const convert = spanConverter(type, inferredTextConverter(type), true);
    const line = Buffer.from('-12.3;-12.3;0.0;-0.0;409.5;409.6;-409.6;12.30');
    const at = (text: string, from: number) => [line.indexOf(text, from), line.indexOf(text, from) + text.length] as const;
    const first = convert(line, ...at('-12.3', 0));
    expect(convert(line, ...at('-12.3', 1))).toBe(first);
    expect(shown(first)).toBe('dec:number:-123@1');
    expect(shown(convert(line, ...at('-0.0', 0)))).toBe('dec:number:0@1');
    expect(convert(line, ...at('-0.0', 0))).toBe(convert(line, ...at('0.0', 0)));
    expect(shown(convert(line, ...at('409.5', 0)))).toBe('dec:number:4095@1');
    expect(shown(convert(line, ...at('409.6', 0)))).toBe('dec:number:4096@1');
    expect(shown(convert(line, ...at('-409.6', 0)))).toBe('dec:number:-4096@1');
    // An inferred column keeps each value's own scale: not the cached object.
    expect(shown(convert(line, ...at('12.30', 0)))).toBe('dec:number:1230@2');
  });

  it('returns interned strings for a STRING column: the same text gives the same value wherever it is', () => {
    const convert = spanConverter(SqlTypes.STRING, declaredTextConverter(SqlTypes.STRING), false);
    const text = Buffer.from('Abéché;1.0\nZürich;2.0\nAbéché;3.0\n');
    const first = convert(text, 0, 8);
    const second = convert(text, 25, 33);
    expect(first).toBe('Abéché');
    expect(second).toBe(first);
    expect(convert(text, 13, 20)).toBe('Zürich');
  });
});
