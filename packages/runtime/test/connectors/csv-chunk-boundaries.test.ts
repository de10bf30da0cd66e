import { describe, expect, it } from 'vitest';
import { formatSqlType } from '@velots/core';
import { plain, readFileSource, tempDirWith } from './harness.js';

// The CSV tokenizer scans raw bytes chunk by chunk: every chunk size from 1 byte up must give the same rows,
// the same bad records (message, raw text, line, byte offset) and the same schema, so that a chunk end in the
// middle of a field, a quoted field, a CRLF, a doubled quote, the BOM or a multi-byte character changes nothing.
describe('file_source CSV read in chunks cut at every byte offset', () => {
  const text = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(
      'station,temp,count,at,note\r\n' +
        'Abéché,-12.3,7,2024-01-31T10:00:00,"a,b"\r\n' +
        '東京,0.5,-42,2024-01-31T10:00:00.250Z,"say ""hi""\r\ntwice"\n' +
        '\r\n' +
        'Zürich,  99.95 ,0,2024-02-29T23:59:59,\r\n' +
        'only,two\r\n' +
        'Abéché,1e3,12,2024-01-31T10:00:01,"x" y\r\n' +
        'Abéché,abc,1,2024-01-31T10:00:02,ok\r\n',
    ),
    Buffer.from([0x42, 0xe2, 0x82]), // "B" then a cut 3-byte sequence: not UTF-8, so the record is malformed
    Buffer.from(',1.0,2,2024-01-31T10:00:03,😀\r\n"unterminated,1'),
  ]);

  const expectedRows = [
    ['Abéché', 'dec:-12.3', 7, Date.UTC(2024, 0, 31, 10), 'a,b'],
    ['東京', 'dec:0.5', -42, Date.UTC(2024, 0, 31, 10, 0, 0, 250), 'say "hi"\r\ntwice'],
    ['Zürich', 'dec:99.95', 0, Date.UTC(2024, 1, 29, 23, 59, 59), null],
  ];

  it('gives the same rows, bad records and positions for every chunk size', async () => {
    const dir = tempDirWith({ 'c.csv': text });
    const results = [];
    for (let size = 1; size <= text.length + 1; size++) {
      const { schema, rows, bad } = await readFileSource(dir, { path: 'c.csv', 'infer.rows': '2', 'read.chunk.bytes': String(size) });
      results.push({
        size,
        schema: schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`),
        rows: plain(rows),
        bad: bad.map((b) => [b.error.code, b.error.message, b.raw, b.location?.line, b.location?.byteOffset]),
      });
    }
    for (const result of results) {
      expect(result.schema).toEqual(['station STRING', 'temp DECIMAL(19,1)', 'count BIGINT', 'at TIMESTAMP', 'note STRING']);
      expect(result.rows).toEqual(expectedRows);
      expect(result.bad).toEqual([
        ['RECORD_MALFORMED', 'c.csv:7: expected 5 fields but found 2', 'only,two', 7, text.indexOf('only,two')],
        ['RECORD_MALFORMED', "c.csv:8: malformed CSV record: unexpected 'y' after a closing quote", 'Abéché,1e3,12,2024-01-31T10:00:01,"x" y', 8, text.indexOf('Abéché,1e3')],
        [
          'CAST_FAILED',
          expect.stringContaining("c.csv:9: column 'temp' value 'abc' does not fit the inferred type DECIMAL(19,1)"),
          'Abéché,abc,1,2024-01-31T10:00:02,ok',
          9,
          text.indexOf('Abéché,abc'),
        ],
        [
          'RECORD_MALFORMED',
          'c.csv:10:2: invalid UTF-8: the record holds bytes that are not UTF-8 (shown as U+FFFD in raw)',
          'B\ufffd,1.0,2,2024-01-31T10:00:03,😀',
          10,
          text.indexOf(Buffer.from([0x42, 0xe2, 0x82])),
        ],
        ['RECORD_MALFORMED', 'c.csv:11: malformed CSV record: unterminated quoted field', '"unterminated,1', 11, text.indexOf('"unterminated')],
      ]);
    }
  });
});
