import { describe, expect, it } from 'vitest';
import { Schema, SqlTypes, decimalType, formatSqlType } from '@velots/core';
import { plain, readFileSource, tempDirWith } from './harness.js';

describe('file_source reading CSV', () => {
  it('infers BIGINT, DECIMAL at its own scale, BOOLEAN, DATE, TIMESTAMP and STRING from the values alone', async () => {
    const dir = tempDirWith({
      'trades.csv':
        'id,price,active,day,at,name\n' +
        '1,2.50,true,2024-01-31,2024-01-31T10:00:00Z,Apple\n' +
        '2,3,NO,2024-02-01,2024-02-01T10:00:00.250,  padded  \n' +
        '9223372036854775807,,yes,,,\n',
    });
    const { schema, rows, bad } = await readFileSource(dir, { path: 'trades.csv' });
    expect(schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`)).toEqual([
      'id BIGINT',
      'price DECIMAL(20,2)',
      'active BOOLEAN',
      'day DATE',
      'at TIMESTAMP',
      'name STRING',
    ]);
    expect(bad).toEqual([]);
    expect(plain(rows)).toEqual([
      [1, 'dec:2.50', true, 19753, 1706695200000, 'Apple'],
      [2, 'dec:3', false, 19754, 1706781600250, 'padded'],
      [9223372036854775807n, null, true, null, null, null],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes, CRLF and newlines inside quotes, counting lines', async () => {
    const dir = tempDirWith({
      'q.csv': 'a,b\r\n"x, y","say ""hi"""\r\n"multi\r\nline",2\r\n""  ,  " keep "\r\nbad\r\n',
    });
    const { rows, bad } = await readFileSource(dir, { path: 'q.csv' });
    expect(rows).toEqual([
      ['x, y', 'say "hi"'],
      ['multi\r\nline', '2'],
      ['', ' keep '],
    ]);
    expect(bad.map((b) => [b.error.code, b.error.message, b.raw])).toEqual([
      ['RECORD_MALFORMED', 'q.csv:6: expected 2 fields but found 1', 'bad'],
    ]);
  });

  it('names columns column_0… without a header, honours a custom delimiter and quote, skip_lines and max_records', async () => {
    const dir = tempDirWith({ 'n.csv': '# generated\n# by a tool\n1;\'a;b\'\n2;c\n3;d\n' });
    const { schema, rows } = await readFileSource(dir, { path: 'n.csv', has_headers: 'false', delimiter: ';', quote: "'", skip_lines: '2', max_records: '2' });
    expect(schema.names).toEqual(['column_0', 'column_1']);
    expect(rows).toEqual([
      [1, 'a;b'],
      [2, 'c'],
    ]);
  });

  it('reports a value that does not fit the inferred type with file:line, the column, the type and a schema suggestion', async () => {
    const lines = ['id,price'];
    for (let i = 1; i <= 3; i++) lines.push(`${i},1.5`);
    lines.push('4,abc');
    const dir = tempDirWith({ 'p.csv': lines.join('\n') + '\n' });
    const { rows, bad } = await readFileSource(dir, { path: 'p.csv', 'infer.rows': '2' });
    expect(rows.length).toBe(3);
    expect(bad).toHaveLength(1);
    expect(bad[0]?.error.code).toBe('CAST_FAILED');
    expect(bad[0]?.error.message).toBe(
      "p.csv:5: column 'price' value 'abc' does not fit the inferred type DECIMAL(19,1) (inferred from the first 2 rows); " +
        'declare the schema, e.g. CREATE STREAM trades (id BIGINT, price STRING)',
    );
    expect(bad[0]?.raw).toBe('4,abc');
    expect(bad[0]?.location).toEqual({ source: 'trades', file: 'p.csv', line: 5, byteOffset: 27, offset: 3, field: 'price' });
  });

  it('casts to a declared schema: booleans t/f, four date forms, timestamps, DECIMAL rounded half up, and names failures', async () => {
    const dir = tempDirWith({
      'd.csv':
        'flag,day,at,amount,ratio\n' +
        't,2024/03/01,2024-03-01 12:30:00.5,1.005,0.25\n' +
        '0,03/02/2024,1709337600000,-2.345,1e2\n' +
        'f,02-03-2024,2024-03-01T12:00:00+02:00,7,-1\n' +
        'maybe,2024-03-01,2024-03-01,1,1\n' +
        '1,2024-03-01,2024-03-01,123456789.99,1\n',
    });
    const schema = Schema.of(
      ['flag', SqlTypes.BOOLEAN],
      ['day', SqlTypes.DATE],
      ['at', SqlTypes.TIMESTAMP],
      ['amount', decimalType(10, 2)],
      ['ratio', SqlTypes.DOUBLE],
    );
    const { rows, bad } = await readFileSource(dir, { path: 'd.csv' }, { schema });
    expect(plain(rows)).toEqual([
      [true, 19783, 1709296200500, 'dec:1.01', 0.25],
      [false, 19784, 1709337600000, 'dec:-2.35', 100],
      [false, 19784, 1709287200000, 'dec:7.00', -1],
    ]);
    expect(bad.map((b) => [b.error.code, b.error.message])).toEqual([
      ['CAST_FAILED', "d.csv:5: field 'flag' value 'maybe' cannot be cast to BOOLEAN"],
      ['NUMERIC_OVERFLOW', "d.csv:6: field 'amount' value '123456789.99' overflows DECIMAL(10,2)"],
    ]);
  });

  it('maps declared columns to header names regardless of their order', async () => {
    const dir = tempDirWith({ 'o.csv': 'b,a\nx,1\n' });
    const { rows } = await readFileSource(dir, { path: 'o.csv' }, { schema: Schema.of(['a', SqlTypes.BIGINT], ['b', SqlTypes.STRING]) });
    expect(rows).toEqual([[1, 'x']]);
  });

  it('reads a field far larger than the read chunk and a record of 2,000 columns', async () => {
    const huge = 'x'.repeat(300_000);
    const many = Array.from({ length: 2000 }, (_, i) => `c${i}`);
    const dir = tempDirWith({
      'h.csv': `id,text\n1,"${huge}"\n2,short\n`,
      'w.csv': `${many.join(',')}\n${many.map((_, i) => i).join(',')}\n`,
    });
    const h = await readFileSource(dir, { path: 'h.csv', 'read.chunk.bytes': '4096' });
    expect(h.rows.map((r) => [r[0], (r[1] as string).length])).toEqual([
      [1, 300_000],
      [2, 5],
    ]);
    const w = await readFileSource(dir, { path: 'w.csv' });
    expect(w.schema.length).toBe(2000);
    expect(w.rows[0]?.[1999]).toBe(1999);
  });

  it('gives the same rows whatever the chunk size, multi-byte characters split across chunks included', async () => {
    const text = 'city,n\n"Zürich\nNord",1\nKøbenhavn,2\n東京,3\n';
    const dir = tempDirWith({ 'u.csv': text });
    const expected = [['Zürich\nNord', 1], ['København', 2], ['東京', 3]];
    for (const size of [16, 17, 19, 23, 4096]) {
      const { rows, lastPosition } = await readFileSource(dir, { path: 'u.csv', 'read.chunk.bytes': String(size) });
      expect(rows).toEqual(expected);
      expect(lastPosition).toMatchObject({ byteOffset: Buffer.byteLength(text), line: 6, record: 3 });
    }
  });

  it('resumes from a position: the records after it, with the right line numbers in errors', async () => {
    const dir = tempDirWith({ 'r.csv': 'id,v\n1,a\n2,b\n3,c\nx,d\n5,e\n' });
    const props = { path: 'r.csv', 'infer.rows': '3' };
    const first = await readFileSource(dir, props, { maxRecords: 2 });
    const afterTwo = first.batches[0]?.position;
    expect(afterTwo).toEqual({ file: `${dir}/r.csv`, byteOffset: 13, line: 4, record: 2 });
    const resumed = await readFileSource(dir, props, { resumeFrom: afterTwo });
    expect(resumed.schema.names).toEqual(['id', 'v']);
    expect(resumed.rows).toEqual([
      [3, 'c'],
      [5, 'e'],
    ]);
    expect(resumed.bad.map((b) => b.error.message)).toEqual([
      "r.csv:5: column 'id' value 'x' does not fit the inferred type BIGINT (inferred from the first 3 rows); declare the schema, e.g. CREATE STREAM trades (id STRING, v STRING)",
    ]);
    expect(resumed.batches[0]?.batch.offsets).toEqual([2, 4]);
  });

  it('reads the sorted matches of a glob in order, each with its own header', async () => {
    const dir = tempDirWith({ 'b-2.csv': 'n\n3\n', 'b-1.csv': 'n\n1\n2\n', 'other.txt': 'n\n9\n' });
    const { rows } = await readFileSource(dir, { path: 'b-*.csv' });
    expect(rows).toEqual([[1], [2], [3]]);
  });

  it('stamps read time, record index and partition 0, or the event time of event.time.field', async () => {
    const dir = tempDirWith({ 'e.csv': 'at,v\n2024-01-01T00:00:01Z,1\nnot-a-time,2\n' });
    const plainRead = await readFileSource(dir, { path: 'e.csv' });
    const batch = plainRead.batches[0]?.batch;
    expect(batch?.timestamps).toEqual([1_700_000_000_000, 1_700_000_000_000]);
    expect(batch?.offsets).toEqual([0, 1]);
    expect(batch?.partitions).toEqual([0, 0]);
    const timed = await readFileSource(dir, { path: 'e.csv', 'event.time.field': 'v', 'event.time.format': 'epoch_seconds' });
    expect(timed.batches[0]?.batch.eventTimes).toEqual([1000, 2000]);
    const iso = await readFileSource(dir, { path: 'e.csv', 'event.time.field': 'at' }, { schema: Schema.of(['at', SqlTypes.STRING], ['v', SqlTypes.BIGINT]) });
    expect(iso.batches[0]?.batch.eventTimes).toEqual([1704067201000]);
    expect(iso.bad.map((b) => [b.error.code, b.error.message])).toEqual([
      ['CAST_FAILED', "e.csv:3: event time field 'at' value 'not-a-time' is not a valid event time"],
    ]);
  });

  it('takes an inferred TIMESTAMP column as event time with event.time.format iso8601 (the value is not parsed twice)', async () => {
    const dir = tempDirWith({ 'iso.csv': 'at,v\n2024-01-01T00:00:01,1\n2024-01-01T00:00:02.500,2\n' });
    const read = await readFileSource(dir, { path: 'iso.csv', 'event.time.field': 'at', 'event.time.format': 'iso8601' });
    expect(read.schema.fields[0]?.type.kind).toBe('TIMESTAMP');
    expect(read.bad).toEqual([]);
    expect(read.batches[0]?.batch.eventTimes).toEqual([1704067201000, 1704067202500]);
  });
});

describe('inferred DECIMAL precision', () => {
  it('allows 18 integer digits (more when the sample has more) plus the scale, so unions of inferred columns stay exact', async () => {
    const dir = tempDirWith({ 'd.csv': 'a,b,c\n1.5,0.001,123456789012345678901.5\n22.25,12,1\n' });
    const { schema } = await readFileSource(dir, { path: 'd.csv' });
    expect(schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`)).toEqual(['a DECIMAL(20,2)', 'b DECIMAL(21,3)', 'c DECIMAL(22,1)']);
  });
});
