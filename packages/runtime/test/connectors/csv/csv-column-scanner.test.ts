import { describe, expect, it } from 'vitest';
import { ManualClock, Schema, SqlTypes, decimalType, noopTelemetry, type BadRecord, type Row } from '@velots/core';
import { createSource } from '../../../src/connectors/index.js';
import { plain, tempDirWith } from '../harness.js';

interface Read {
  readonly rows: Row[];
  readonly bad: string[];
  readonly columnarBatches: number;
  readonly batches: number;
}

/** Reads a file_source to its end, with column vectors (`deliverColumns`) or rows. */
async function read(dir: string, properties: Record<string, string>, options: { columns: boolean; maxRecords: number; schema?: Schema }): Promise<Read> {
  const { connector } = createSource('file_source', { name: 'm', properties, baseDir: dir, schema: options.schema });
  const bad: BadRecord[] = [];
  await connector.open({
    signal: new AbortController().signal,
    telemetry: noopTelemetry,
    clock: new ManualClock(1_700_000_000_000),
    resumeFrom: undefined,
    reportBadRecord: (record) => bad.push(record),
  });
  if (options.columns) expect(connector.deliverColumns?.()).toBe(true);
  const rows: Row[] = [];
  let columnarBatches = 0;
  let batches = 0;
  for (let next = await connector.next(options.maxRecords); next; next = await connector.next(options.maxRecords)) {
    batches++;
    if (next.batch.columns !== undefined) {
      columnarBatches++;
      expect(next.batch.columns.length).toBe(next.batch.eventTimes.length);
      expect(next.batch.offsets).toHaveLength(next.batch.columns.length);
    }
    rows.push(...next.batch.rows);
  }
  await connector.close();
  return { rows, bad: bad.map((b) => `${b.error.code} ${b.error.message} @${JSON.stringify(b.location)} ${b.raw}`), columnarBatches, batches };
}

// Plain records go through the fused column scanner; every other shape goes through the tokenizer and the
// compiled column writer. Both must give the row path's values, NULLs, bad records and positions exactly.
const edgeCases =
  'station;temperature;n\n' +
  'a;1.5;3\n' +
  'b;-0.5;-2\n' +
  ';2.0;1\n' + // unquoted empty: NULL key
  '"";3.5;4\n' + // quoted empty: the empty string, not NULL
  'a;;5\n' + // NULL temperature
  'c;-12.3;\n' + // NULL n
  '"a";9.9;1\n' + // quoted: the tokenizer's path, same key
  ' d ;1.0;2\n' + // blanks trimmed
  'a;1.50;1\n' + // another scale than the column's
  'e;abc;1\n' + // not a number: a bad record
  'f;1.5;x7\n' + // not a BIGINT: a bad record
  'g;1.5\n' + // a field missing: malformed
  'h;-0.0;-0\n' + // negative zeros
  'i;99999999999999.9;999999999999999\n' + // 15 digits: the number path
  'i;99999999999999.9;999999999999999\n' +
  'j;1234567890123456.7;12345678901234567\n' + // past 15 digits: the tokenizer's path, exact
  'k;1.5;3\r\n' + // CR LF
  '\n' + // a blank line between records
  'Zürich;-3.3;7\n' +
  'a;+1.5;1\n' + // a sign the fast parser does not take
  'l;.5;1\n' +
  'a;1.2345;1\n' + // more digits than the declared scale: rounded by the converter
  'm;5.;1\n' +
  'a;1.5;3'; // no final newline

describe('CSV decoded into column vectors', () => {
  const dir = tempDirWith({ 'edge.csv': edgeCases, 'edge-crlf.csv': edgeCases.replace(/\r?\n/g, '\r\n'), 'bad-utf8.csv': Buffer.concat([Buffer.from('s;t;n\na;1.5;1\n'), Buffer.from([0x62, 0xff, 0x3b, 0x31, 0x2e, 0x35, 0x3b, 0x31, 0x0a]), Buffer.from('c;2.5;3\n')]) });
  const declared = Schema.of(['station', SqlTypes.STRING], ['temperature', decimalType(18, 1)], ['n', SqlTypes.BIGINT]);

  it('reads CR LF lines the same as LF lines', async () => {
    for (const maxRecords of [1, 7, 4096]) {
      const properties = { path: 'edge-crlf.csv', delimiter: ';' };
      const rows = await read(dir, properties, { columns: false, maxRecords, schema: declared });
      const columns = await read(dir, properties, { columns: true, maxRecords, schema: declared });
      expect(plain(columns.rows)).toEqual(plain(rows.rows));
      expect(columns.bad).toEqual(rows.bad);
      const lf = await read(dir, { path: 'edge.csv', delimiter: ';' }, { columns: true, maxRecords, schema: declared });
      expect(plain(columns.rows)).toEqual(plain(lf.rows));
    }
  });

  for (const maxRecords of [1, 7, 4096]) {
    it(`gives the row path's rows and bad records exactly (declared schema, batches of ${maxRecords})`, async () => {
      for (const chunk of ['13', '64', String(1 << 20)]) {
        const properties = { path: 'edge.csv', delimiter: ';', 'read.chunk.bytes': chunk };
        const rows = await read(dir, properties, { columns: false, maxRecords, schema: declared });
        const columns = await read(dir, properties, { columns: true, maxRecords, schema: declared });
        expect(columns.columnarBatches).toBe(columns.batches);
        expect(plain(columns.rows)).toEqual(plain(rows.rows));
        expect(columns.bad).toEqual(rows.bad);
        // Positioned reasons: file, line, byte offset, record index and field.
        expect(columns.bad.map((b) => b.split(' @')[0])).toEqual([
          "CAST_FAILED edge.csv:11: field 'temperature' value 'abc' cannot be cast to DECIMAL(18,1)",
          "CAST_FAILED edge.csv:12: field 'n' value 'x7' cannot be cast to BIGINT",
          'RECORD_MALFORMED edge.csv:13: expected 3 fields but found 2',
          "CAST_FAILED edge.csv:21: field 'temperature' value '+1.5' cannot be cast to DECIMAL(18,1)",
        ]);
        expect(columns.bad[0]).toContain('"line":11,"byteOffset":99,"offset":9,"field":"temperature"');
      }
    });
  }

  it('keeps NULLs, empty strings, negative zeros and values past 2^53 exact', async () => {
    const { rows } = await read(dir, { path: 'edge.csv', delimiter: ';' }, { columns: true, maxRecords: 4096, schema: declared });
    const shown = plain(rows);
    expect(shown.slice(0, 6)).toEqual([
      ['a', 'dec:1.5', 3],
      ['b', 'dec:-0.5', -2],
      [null, 'dec:2.0', 1],
      ['', 'dec:3.5', 4],
      ['a', null, 5],
      ['c', 'dec:-12.3', null],
    ]);
    expect(shown.find((r) => r[0] === 'j')).toEqual(['j', 'dec:1234567890123456.7', 12345678901234567n]);
    expect(shown.find((r) => r[0] === 'i')).toEqual(['i', 'dec:99999999999999.9', 999999999999999]);
  });

  it('checks INTEGER range, tab delimiters (tabs then are not blanks) and other value types as the row path does', async () => {
    const tabbed = 'k\ti\tok\td\n' + ['a\t2147483647\ttrue\t1.5', 'b\t-2147483648\tfalse\t2.5', 'c\t2147483648\ttrue\t3.5', 'd\t-2147483649\tTRUE\t-4.5', 'e\t 7\tno\t1', 'f\t\t\t'].join('\n') + '\n';
    const tabDir = tempDirWith({ 't.tsv': tabbed });
    const schema = Schema.of(['k', SqlTypes.STRING], ['i', SqlTypes.INTEGER], ['ok', SqlTypes.BOOLEAN], ['d', SqlTypes.DOUBLE]);
    for (const maxRecords of [1, 7, 4096]) {
      const properties = { path: 't.tsv', delimiter: '\t' };
      const rows = await read(tabDir, properties, { columns: false, maxRecords, schema });
      const columns = await read(tabDir, properties, { columns: true, maxRecords, schema });
      expect(plain(columns.rows)).toEqual(plain(rows.rows));
      expect(columns.bad).toEqual(rows.bad);
      expect(columns.bad.map((b) => b.split(':')[0])).toEqual(['NUMERIC_OVERFLOW t.tsv', 'NUMERIC_OVERFLOW t.tsv']);
    }
  });

  it('sends records that are not UTF-8 to the bad records, positioned, and reads on', async () => {
    for (const maxRecords of [1, 7, 4096]) {
      const properties = { path: 'bad-utf8.csv', delimiter: ';' };
      const rows = await read(dir, properties, { columns: false, maxRecords });
      const columns = await read(dir, properties, { columns: true, maxRecords });
      expect(plain(columns.rows)).toEqual(plain(rows.rows));
      expect(columns.bad).toEqual(rows.bad);
      expect(columns.bad).toHaveLength(1);
      expect(plain(columns.rows)).toEqual([
        ['a', 'dec:1.5', 1],
        ['c', 'dec:2.5', 3],
      ]);
    }
  });
});
