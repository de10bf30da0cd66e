import { describe, expect, it } from 'vitest';
import { Schema, SqlTypes, decimalType, formatSqlType } from '@velots/core';
import { plain, readFileSource, tempDirWith } from './harness.js';

// Records after the inference sample are converted from the tokenizer's field spans (numbers parsed in
// place, strings interned); `infer.rows` 1 puts nearly every record on that path.
describe('file_source CSV records converted from field spans', () => {
  const text =
    'station;temp;count;note\r\n' +
    'Abéché;-12.3;9007199254740993;"a;b"\r\n' +
    'Zürich;0.0;-42;"say ""hi"" ; twice"\r\n' +
    '東京;99.95;0;"line\r\nbreak"\r\n' +
    'Abéché;  -0.5  ;-9223372036854775808;plain\r\n' +
    'Zürich;123456789012345.5;12;""\r\n' +
    'Abéché;1e3;7;\r\n';
  const expected = [
    ['Abéché', 'dec:-12.30', 9007199254740993n, 'a;b'],
    ['Zürich', 'dec:0.00', -42, 'say "hi" ; twice'],
    ['東京', 'dec:99.95', 0, 'line\r\nbreak'],
    ['Abéché', 'dec:-0.50', -9223372036854775808n, 'plain'],
    ['Zürich', 'dec:123456789012345.50', 12, ''],
    ['Abéché', 'dec:1000.00', 7, null],
  ];

  it('gives the same exact rows whatever the chunk size: quotes, CRLF and multi-byte UTF-8 cut by chunk ends', async () => {
    const dir = tempDirWith({ 'm.csv': text });
    for (let size = 16; size <= 48; size++) {
      const { schema, rows, bad } = await readFileSource(dir, { path: 'm.csv', delimiter: ';', 'infer.rows': '1', 'read.chunk.bytes': String(size) });
      expect(bad.map((b) => b.error.message)).toEqual([]);
      expect(schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`)).toEqual(['station STRING', 'temp DECIMAL(19,1)', 'count BIGINT', 'note STRING']);
      // temp is inferred DECIMAL(19,1) from the first row; later rows keep their own scale (passthrough).
      expect(plain(rows).map((r) => [r[0], r[2], r[3]])).toEqual(expected.map((r) => [r[0], r[2], r[3]]));
      expect(plain(rows).map((r) => r[1])).toEqual(['dec:-12.3', 'dec:0.0', 'dec:99.95', 'dec:-0.5', 'dec:123456789012345.5', 'dec:1000']);
    }
  });

  it('casts to a declared schema from spans: widened decimal scale, i64 beyond 2^53, empty unquoted is null', async () => {
    const dir = tempDirWith({ 'd.csv': text });
    const schema = Schema.of(['station', SqlTypes.STRING], ['temp', decimalType(20, 2)], ['count', SqlTypes.BIGINT], ['note', SqlTypes.STRING]);
    for (const size of [16, 29, 1 << 20]) {
      const { rows, bad } = await readFileSource(dir, { path: 'd.csv', delimiter: ';', 'read.chunk.bytes': String(size) }, { schema });
      expect(bad).toEqual([]);
      expect(plain(rows)).toEqual(expected);
    }
  });

  it('reports positioned bad records from the span path: overflow, not a number, wrong field count', async () => {
    const dir = tempDirWith({ 'b.csv': 'id,price\n1,1.5\n2,12345.6\nx,1.0\n4,-1.25\n5\n6,-7\n' });
    const schema = Schema.of(['id', SqlTypes.INTEGER], ['price', decimalType(5, 2)]);
    const { rows, bad } = await readFileSource(dir, { path: 'b.csv', 'read.chunk.bytes': '16' }, { schema });
    expect(plain(rows)).toEqual([
      [1, 'dec:1.50'],
      [4, 'dec:-1.25'],
      [6, 'dec:-7.00'],
    ]);
    expect(bad.map((b) => [b.error.code, b.error.message, b.raw])).toEqual([
      ['NUMERIC_OVERFLOW', "b.csv:3: field 'price' value '12345.6' overflows DECIMAL(5,2)", '2,12345.6'],
      ['CAST_FAILED', "b.csv:4: field 'id' value 'x' cannot be cast to INTEGER", 'x,1.0'],
      ['RECORD_MALFORMED', 'b.csv:6: expected 2 fields but found 1', '5'],
    ]);
  });

  it('gives equal keys for repeated station names, and reads mostly-distinct string columns too', async () => {
    const lines = ['station;id'];
    for (let i = 0; i < 20_000; i++) lines.push(`${['Abéché', 'Zürich', 'Oslo'][i % 3]};id-${i}`);
    const dir = tempDirWith({ 's.csv': lines.join('\n') + '\n' });
    const { rows } = await readFileSource(dir, { path: 's.csv', delimiter: ';', 'infer.rows': '1', 'read.chunk.bytes': '4096' }, { maxRecords: 20_000 });
    expect(rows.length).toBe(20_000);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['Abéché', 'Zürich', 'Oslo']));
    expect(rows[3]?.[0]).toBe(rows[19_998]?.[0]);
    expect(rows.every((r, i) => r[1] === `id-${i}`)).toBe(true);
  });
});
