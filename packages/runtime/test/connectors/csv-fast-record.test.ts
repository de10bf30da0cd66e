import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { Schema, SqlTypes, decimalType, type BadRecord, type SqlType } from '@velots/core';
import { compileJsonRowWriter, declaredTextConverter, spanConverter, Utf8Output } from '@velots/serde-json';
import { compileCsvFastScan, type CsvFastRecordEnd } from '../../src/connectors/csv/csv-fast-record.js';
import { CsvRecordFormat } from '../../src/connectors/csv/csv-record-format.js';
import type { CsvTokenizer } from '../../src/connectors/csv/csv-tokenizer.js';
import { FileChunkSource } from '../../src/connectors/file/byte-chunks.js';
import { TextRecordSource } from '../../src/connectors/file/text-record-source.js';
import { plain, readAll, tempDirWith } from './harness.js';

const COMMA = 44;
const QUOTE = 34;

function scanOf(types: readonly SqlType[], fields = types.length) {
  const columns = types.map((type, field) => {
    const fromText = declaredTextConverter(type);
    return { type, field, fromText, fromSpan: spanConverter(type, fromText, false) };
  });
  const scan = compileCsvFastScan(columns, { delimiter: COMMA, quote: QUOTE, fields });
  if (scan === undefined) throw new Error('expected a fast scan');
  return (text: string) => {
    const where: CsvFastRecordEnd = { end: -1, next: -1 };
    const bytes = Buffer.from(text, 'utf8');
    const row = scan(bytes, 0, bytes.length, where);
    return row === undefined ? undefined : { row: plain([row])[0], end: where.end, next: where.next };
  };
}

describe('compileCsvFastScan', () => {
  const scan = scanOf([SqlTypes.INTEGER, SqlTypes.STRING, decimalType(6, 2), SqlTypes.TIMESTAMP]);

  it('converts a plain record in one pass and says where it ends (LF or CR LF)', () => {
    expect(scan('7,Zürich,1.5,2024-01-01T00:00:01\nnext')).toEqual({ row: [7, 'Zürich', 'dec:1.50', 1704067201000], end: 33, next: 34 });
    expect(scan('-0,,,\r\n')).toEqual({ row: [-0, null, null, null], end: 5, next: 7 });
    expect(Object.is(scan('-0,a,1,\n')?.row[0], -0)).toBe(true);
    // Quoted fields: a delimiter inside, an empty one ('' for STRING, null otherwise), a quoted number.
    expect(scan('7,"a,b","1.5",\n')?.row).toEqual([7, 'a,b', 'dec:1.50', null]);
    expect(scan('7," a b ",1,\n')?.row).toEqual([7, ' a b ', 'dec:1.00', null]);
    expect(scan('"7","","",""\r\n')).toEqual({ row: [7, '', null, null], end: 12, next: 14 });
  });

  it('declines what only the general scan reads right: doubled quotes, blanks at a field edge, lone CR, no line break, field count', () => {
    for (const text of [
      '7,"a""b",1.5,\n', // doubled quote
      '7,"a\nb",1.5,\n', // line break inside quotes
      '7,"a" ,1.5,\n', // blank after the closing quote
      '7,"ab,1.5,\n', // unterminated
      '7,a,1.5,"x\r\nmore\n', // a line break before any closing quote (also for a STRING, below)
      '7,a,1.5,"2024-01-01T00:00:01"', // quoted last field not ended in the bytes
      ' 7,a,1.5,\n', // leading blank (trimmed by the general scan)
      '7,a ,1.5,\n', // trailing blank
      '7,a,\t1.5,\n', // leading tab
      '7,a,1.5,\r8,b,1,\n', // lone CR ends a record for the general scan
      '7,a,1.5,', // record not ended in the bytes (more may come)
      '7,a,1.5,\r', // CR LF possibly cut
      '7,a,1.5\n', // 3 fields
      '7,a,1.5,,\n', // 5 fields
      'x,a,1.5,\n', // not an INTEGER: the general path reports it
      '3000000000,a,1.5,\n', // overflows INTEGER
      '7,a,12345.6,\n', // overflows DECIMAL(6,2)
    ]) {
      expect(scan(text), JSON.stringify(text)).toBeUndefined();
    }
    expect(scanOf([SqlTypes.STRING])('"x\r\nmore"\n')).toBeUndefined();
  });

  it('is not compiled for a blank delimiter or a column without a field', () => {
    const column = { type: SqlTypes.STRING, field: 0, fromText: declaredTextConverter(SqlTypes.STRING), fromSpan: spanConverter(SqlTypes.STRING, declaredTextConverter(SqlTypes.STRING), false) };
    expect(compileCsvFastScan([column], { delimiter: 9, quote: QUOTE, fields: 1 })).toBeUndefined();
    expect(compileCsvFastScan([column], { delimiter: 32, quote: QUOTE, fields: 1 })).toBeUndefined();
    expect(compileCsvFastScan([{ ...column, field: 2 }], { delimiter: COMMA, quote: QUOTE, fields: 2 })).toBeUndefined();
  });
});

interface Read {
  schema: string[];
  rows: unknown[][];
  json: string;
  bad: [string, string, string, number | undefined][];
  lines: number[];
}

/** Reads `text` as a CSV file with or without the fast scan; rows, their JSON lines, bad records and positions. */
async function readCsv(
  text: string,
  options: { fast: boolean; chunk: number; declared?: Schema; inferRows?: number; batch?: number; maxRecords?: number },
): Promise<Read> {
  const dir = tempDirWith({ 'in.csv': text });
  const path = join(dir, 'in.csv');
  const source = new TextRecordSource({
    name: 'trades',
    format: new CsvRecordFormat({ delimiter: ',', quote: '"', hasHeaders: true, streamName: 'trades', fastScan: options.fast }),
    inputs: async () => [{ display: 'in.csv', id: path, open: (start: number) => new FileChunkSource(path, start, options.chunk, true) }],
    declaredSchema: options.declared,
    inferRows: options.inferRows ?? 3,
    batchSize: options.batch ?? 7,
    maxRecords: options.maxRecords,
  });
  const result = await readAll(source, { maxRecords: options.batch ?? 7 });
  const writer = compileJsonRowWriter(result.schema);
  const out = new Utf8Output(16);
  for (const row of result.rows) writer(row, out);
  return {
    schema: result.schema.fields.map((f) => `${f.name} ${f.type.kind}`),
    rows: plain(result.rows),
    json: out.take().toString('utf8'),
    bad: result.bad.map((b: BadRecord) => [b.error.code, b.error.message, b.raw, b.byteOffset]),
    lines: result.batches.map((b) => (b.position as unknown as { line: number }).line),
  };
}

/** Field texts of each column kind: plain values, other spellings of them, quoted, blank-edged, empty, invalid. */
const FIELDS: Record<string, readonly string[]> = {
  int: ['0', '7', '-0', '-12', '007', '2147483647', '2147483648', '-2147483648', '+5', '1e3', ' 8', '9 ', '"42"', '""', '', 'x', '1.0', '１２'],
  big: ['0', '9007199254740993', '-9223372036854775808', '9223372036854775808', '123456789012345', '1234567890123456', '-5', ' 3 ', '"4"', '', 'z'],
  dbl: ['0', '1.5', '-0.0', '1e-7', '3.141592653589793', '12345678901234567890', 'NaN', 'Infinity', '.5', '5.', '"2.5"', '', 'q'],
  dec: ['0', '0.00', '-0.5', '12.3', '12.345', '1234.56', '99999999.99', '123456789.12', '007.50', '-.5', '1e2', ' 1.25', '"3.1"', '', 'abc'],
  ts: ['2024-01-01T00:00:01', '2024-02-29 23:59:59.123', '2023-02-29T00:00:00', '2024-01-01T00:00:01Z', '1704067200000', '2024-01-01', '"2024-03-01T10:00:00"', '', 'later'],
  bool: ['true', 'false', 'TRUE', 'yes', '1', '0', '"true"', '', 'maybe'],
  str: ['AAPL', 'Zürich', '東京', '😀', 'a"b', 'say \\"hi', '"a,b"', '"say ""hi"""', '" spaced "', '"line\nbreak"', '""', '', ' padded ', 'trail ', 'tab\t', 'tab\there', '\u0001ctl', 'x'.repeat(80)],
  date: ['2024-01-31', '2024-13-01', '"2024-05-05"', '', 'soon'],
};
const KINDS = Object.keys(FIELDS);
const DECLARED: Record<string, SqlType> = {
  int: SqlTypes.INTEGER,
  big: SqlTypes.BIGINT,
  dbl: SqlTypes.DOUBLE,
  dec: decimalType(10, 2),
  ts: SqlTypes.TIMESTAMP,
  bool: SqlTypes.BOOLEAN,
  str: SqlTypes.STRING,
  date: SqlTypes.DATE,
};

/** A CSV text of `kinds` columns: mostly plain rows (so inference sees the kinds), some odd fields, line ends and field counts. */
const csvText = fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 6 }).chain((kinds) =>
  fc
    .array(
      fc.record({
        fields: fc.tuple(...kinds.map((k) => fc.oneof({ weight: 4, arbitrary: fc.constant((FIELDS[k] as readonly string[])[0] as string) }, { weight: 3, arbitrary: fc.constantFrom(...(FIELDS[k] as readonly string[])) }))),
        end: fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', '\n\n', '\n  \n'),
        count: fc.constantFrom(0, 0, 0, 0, 0, 0, -1, 1),
      }),
      { minLength: 1, maxLength: 25 },
    )
    .chain((records) =>
      fc.boolean().map((finalBreak) => {
        const header = kinds.map((k, i) => `${k}${i}`).join(',');
        const body = records.map((r, i) => {
          const fields = r.count === -1 ? r.fields.slice(0, -1) : r.count === 1 ? [...r.fields, 'extra'] : r.fields;
          return fields.join(',') + (i < records.length - 1 || finalBreak ? r.end : '');
        });
        return { kinds, text: `${header}\n${body.join('')}` };
      }),
    ),
);

describe('CsvRecordFormat and its tokenizer', () => {
  it('try the fast scan once the schema is fixed, and the general scan (field spans filled) after stopFastScan', () => {
    const format = new CsvRecordFormat({ delimiter: ',', quote: '"', hasHeaders: true, streamName: 's' });
    const tokenizer = format.createTokenizer(1) as CsvTokenizer;
    tokenizer.append(Buffer.from('a,b\n1,x\n2,y\n'));
    expect(tokenizer.next(true)).toBe('record');
    format.acceptHeader(format.capture(tokenizer) as never);
    format.resolveSchema(Schema.of(['a', SqlTypes.INTEGER], ['b', SqlTypes.STRING]), 0);
    expect(tokenizer.next(true)).toBe('record');
    expect(tokenizer.fastRow).toEqual([1, 'x']);
    format.stopFastScan();
    expect(tokenizer.next(true)).toBe('record');
    expect(tokenizer.fastRow).toBeUndefined();
    expect([tokenizer.fieldCount, tokenizer.fieldText(0), tokenizer.fieldText(1)]).toEqual([2, '2', 'y']);
    expect(format.capture(tokenizer)).toEqual([2, 'y']);
    expect(format.captureRun(tokenizer, [], 10)).toBe(0);
  });
});

describe('file_source CSV: the fast scan reads exactly what the general scan reads', () => {
  it('same rows (Object.is), JSON lines, bad records and positions on a random corpus, at any chunk and batch size', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.constantFrom(16, 23, 64, 1 << 16), fc.constantFrom(1, 3, 7, 100), fc.boolean(), fc.constantFrom(undefined, 5, 12), async ({ kinds, text }, chunk, batch, declare, maxRecords) => {
        const declared = declare ? new Schema(kinds.map((k, i) => ({ name: `${k}${i}`, type: DECLARED[k] as SqlType, nullable: true }))) : undefined;
        const general = await readCsv(text, { fast: false, chunk, batch, declared, maxRecords });
        const fast = await readCsv(text, { fast: true, chunk, batch, declared, maxRecords });
        expect(fast).toEqual(general);
      }),
      { numRuns: 300 },
    );
  });

  it('the bench shape (trades), with edge rows among plain ones: identical rows and JSON bytes', async () => {
    const lines = ['id,symbol,price,quantity,side,ts'];
    for (let i = 0; i < 3000; i++) {
      const price = ((i * 7919) % 49900) / 100 + 1;
      lines.push(`${i},${['AAPL', 'MSFT', 'Zürich'][i % 3]},${price.toFixed(2)},${1 + (i % 1000)},${i % 2 ? 'BUY' : 'SELL'},2024-01-01T00:00:${String(i % 60).padStart(2, '0')}`);
    }
    lines.splice(2000, 0, '501,"quoted, sym",1.00,5,BUY,2024-01-01T00:00:00', '502, AAPL ,2.00,5,BUY,2024-01-01T00:00:00', 'x,AAPL,1,1,BUY,2024-01-01T00:00:00', '503,AAPL,1');
    const text = lines.join('\r\n') + '\r\n';
    for (const chunk of [97, 4096, 1 << 20]) {
      const general = await readCsv(text, { fast: false, chunk, batch: 1000, inferRows: 1000 });
      const fast = await readCsv(text, { fast: true, chunk, batch: 1000, inferRows: 1000 });
      expect(fast).toEqual(general);
      expect(fast.rows.length).toBe(3002);
      expect(fast.bad.map((b) => b[0])).toEqual(['CAST_FAILED', 'RECORD_MALFORMED']);
    }
  });
});
