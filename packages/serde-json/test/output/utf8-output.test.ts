import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Schema, SqlTypes, decimalType, type SqlValue } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { Utf8Output } from '../../src/output/utf8-output.js';
import { compileJsonRowEncoder, compileJsonRowWriter } from '../../src/json/json-row-encoder.js';
import { decimalText } from '../../src/typing/number-text.js';
import { compileJsonValueEncoder } from '../../src/json/json-encode.js';

const stringText = compileJsonValueEncoder(SqlTypes.STRING);

describe('Utf8Output', () => {
  it('writes text as Buffer.from(text, utf8) does: ASCII, multi-byte, astral, lone surrogates, long text', () => {
    const texts = ['', 'abc', 'Zürich', '東京', '😀x', 'a\ud800b', '\udc00', 'x'.repeat(200) + 'é', 'é' + 'y'.repeat(70)];
    const out = new Utf8Output(4);
    for (const text of texts) out.text(text);
    expect(out.take()).toEqual(Buffer.from(texts.join(''), 'utf8'));
    expect(out.length).toBe(0);
  });

  it('hands out a view of what was written and reuses its buffer after clear', () => {
    const out = new Utf8Output(2);
    out.text('abc');
    out.byte(10);
    expect(out.view().toString('utf8')).toBe('abc\n');
    out.clear();
    expect(out.length).toBe(0);
    out.jsonString('x');
    expect(out.view().toString('utf8')).toBe('"x"');
  });

  it('writes integers as String(v) and decimals as their toString(), in place', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.integer({ min: 1e12, max: 2e12 }), fc.constantFrom(0, -0, 1e8 - 1, 1e8, 1e16 - 1, 2 ** 31, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 60, 1.5, NaN, Infinity, 1e21)), (v) => {
        const out = new Utf8Output(1);
        out.integer(v);
        expect(out.take().toString('utf8')).toBe(String(v));
      }),
    );
    const unscaled = fc.oneof(fc.integer(), fc.constantFrom(0, 5, -5, 2 ** 53 - 1, -(2 ** 53 - 1)), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }));
    fc.assert(
      fc.property(unscaled, fc.integer({ min: 0, max: 20 }), (u, scale) => {
        const d = Decimal.fromUnscaled(u, scale);
        const out = new Utf8Output(2);
        out.decimal(d);
        expect(out.take().toString('utf8')).toBe(d.toString());
        expect(decimalText(d)).toBe(d.toString());
      }),
    );
  });

  it('writes JSON strings as the text encoder does: plain, escaped, non-ASCII, surrogates', () => {
    for (const text of ['AAPL', '', 'say "hi"', 'back\\slash', 'tab\there', 'Zürich', '😀', 'a\ud800', 'x'.repeat(80), '"'.repeat(70)]) {
      const out = new Utf8Output(1);
      out.jsonString(text);
      expect(out.take()).toEqual(Buffer.from(stringText(text), 'utf8'));
    }
  });
});

describe('compileJsonRowWriter', () => {
  it('gives exactly the bytes of the string row encoder for every column type and NULLs', () => {
    const schema = Schema.of(
      ['id', SqlTypes.BIGINT],
      ['symbol', SqlTypes.STRING],
      ['price', decimalType(10, 2)],
      ['qty', SqlTypes.INTEGER],
      ['ts', SqlTypes.TIMESTAMP],
      ['day', SqlTypes.DATE],
      ['ratio', SqlTypes.DOUBLE],
      ['ok', SqlTypes.BOOLEAN],
      ['tags', { kind: 'ARRAY', element: SqlTypes.STRING }],
    );
    const rows: SqlValue[][] = [
      [1, 'AAPL', Decimal.fromUnscaled(25001, 2), 7, 1704067200000, 19723, 0.5, true, ['a', 'b"']],
      [9007199254740993n, 'Zürich "q"', Decimal.fromUnscaled(-5, 2), -42, 1704067200123, 0, -1e21, false, []],
      [null, null, null, null, null, null, null, null, null],
      [-0, '', Decimal.fromUnscaled(123456789012345678901234n, 2), 0, -1, -1, NaN, true, ['😀']],
    ];
    for (const format of ['epoch_millis', 'iso'] as const) {
      const text = compileJsonRowEncoder(schema, format);
      const write = compileJsonRowWriter(schema, format);
      const out = new Utf8Output(8);
      for (const row of rows) write(row, out);
      expect(out.take().toString('utf8')).toBe(rows.map((row) => text(row)).join(''));
    }
  });

  it('writes keys that need escaping or are not ASCII, a row of 400 columns and a schema of none as the string encoder does', () => {
    const odd = Schema.of(['say "hi"', SqlTypes.STRING], ['back\\slash', SqlTypes.BIGINT], ['prix €', SqlTypes.STRING], ['😀', SqlTypes.BIGINT]);
    const wide = Schema.of(...Array.from({ length: 400 }, (_, i) => [`c${i}`, SqlTypes.BIGINT] as [string, typeof SqlTypes.BIGINT]));
    const cases: [Schema, SqlValue[]][] = [
      [odd, ['x', 1, 'é', -2]],
      [wide, Array.from({ length: 400 }, (_, i) => i * 1_000_003)],
      [Schema.of(), []],
    ];
    for (const [schema, row] of cases) {
      const out = new Utf8Output(4);
      compileJsonRowWriter(schema)(row, out);
      expect(out.take().toString('utf8')).toBe(compileJsonRowEncoder(schema)(row));
    }
  });
});
