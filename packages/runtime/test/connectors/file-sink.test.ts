import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock, Schema, SqlTypes, createBatch, decimalType, noopTelemetry, structType, field, arrayType, type Row, type Sink } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { createSink } from '../../src/connectors/index.js';
import { readFileSource, tempDirWith } from './harness.js';

const context = { signal: new AbortController().signal, telemetry: noopTelemetry, clock: new ManualClock(0) };

async function writeRows(dir: string, properties: Record<string, string>, schema: Schema, rows: Row[]): Promise<Sink> {
  const { connector } = createSink('file_sink', { name: 'out', properties, baseDir: dir });
  await connector.open(schema, context);
  await connector.write(createBatch(schema, rows));
  await connector.flush();
  await connector.close();
  return connector;
}

const schema = Schema.of(
  ['symbol', SqlTypes.STRING],
  ['price', decimalType(10, 2)],
  ['qty', SqlTypes.BIGINT],
  ['at', SqlTypes.TIMESTAMP],
  ['day', SqlTypes.DATE],
  ['ok', SqlTypes.BOOLEAN],
  ['meta', structType([field('n', SqlTypes.BIGINT), field('x', decimalType(5, 1))])],
  ['list', arrayType(SqlTypes.STRING)],
);
const rows: Row[] = [
  ['AAPL', Decimal.parse('12.50'), 9007199254740993n, 1704067200000, 19723, true, { n: 1, x: Decimal.parse('0.5') }, ['a']],
  ['say "hi", ok', null, 2, 1704067200123, null, false, null, []],
];

describe('file_sink', () => {
  it('writes jsonlines keyed by column name in order, decimals exact at their scale, bigints exact, timestamps epoch ms', async () => {
    const dir = tempDirWith();
    await writeRows(dir, { path: 'nested/dir/out.jsonl' }, schema, rows);
    expect(readFileSync(join(dir, 'nested/dir/out.jsonl'), 'utf8')).toBe(
      '{"symbol":"AAPL","price":12.50,"qty":9007199254740993,"at":1704067200000,"day":"2024-01-01","ok":true,"meta":{"n":1,"x":0.5},"list":["a"]}\n' +
        '{"symbol":"say \\"hi\\", ok","price":null,"qty":2,"at":1704067200123,"day":null,"ok":false,"meta":null,"list":[]}\n',
    );
  });

  it('keeps every row in order across many batches, multi-byte text, and a value larger than the staging buffer', async () => {
    const dir = tempDirWith();
    const textSchema = Schema.of(['n', SqlTypes.BIGINT], ['s', SqlTypes.STRING]);
    const { connector } = createSink('file_sink', { name: 'out', properties: { path: 'big.jsonl' }, baseDir: dir });
    await connector.open(textSchema, context);
    const expected: string[] = [];
    const huge = 'é€'.repeat(700_000); // 1.4 M UTF-16 units, 3.5 MB of UTF-8: written as a piece of its own
    for (let b = 0; b < 40; b++) {
      const batch: Row[] = [];
      for (let i = 0; i < 1000; i++) {
        const n = b * 1000 + i;
        const s = n === 20_500 ? huge : `row ${n} ü ${'x'.repeat(n % 97)}`;
        batch.push([n, s]);
        expected.push(JSON.stringify({ n, s }));
      }
      await connector.write(createBatch(textSchema, batch));
    }
    await connector.close();
    expect(readFileSync(join(dir, 'big.jsonl'), 'utf8')).toBe(expected.join('\n') + '\n');
  });

  it('writes ISO timestamps in jsonlines when timestamp.format is iso', async () => {
    const dir = tempDirWith();
    await writeRows(dir, { path: 'o.json', format: 'json', 'timestamp.format': 'iso' }, Schema.of(['at', SqlTypes.TIMESTAMP]), [[1704067200123]]);
    expect(readFileSync(join(dir, 'o.json'), 'utf8')).toBe('{"at":"2024-01-01T00:00:00.123Z"}\n');
  });

  it('writes CSV with a header, quoting only when needed, NULL empty, ISO timestamps without zone, decimals at scale', async () => {
    const dir = tempDirWith();
    const sink = await writeRows(dir, { path: 'o.csv', format: 'csv' }, schema, rows);
    expect(readFileSync(join(dir, 'o.csv'), 'utf8')).toBe(
      'symbol,price,qty,at,day,ok,meta,list\n' +
        'AAPL,12.50,9007199254740993,2024-01-01T00:00:00,2024-01-01,true,"{""n"":1,""x"":0.5}","[""a""]"\n' +
        '"say ""hi"", ok",,2,2024-01-01T00:00:00.123,,false,,[]\n',
    );
    const size = readFileSync(join(dir, 'o.csv')).length;
    expect((sink as unknown as { stats(): unknown }).stats()).toEqual({ records: 2, bytes: size, badRecords: 0 });
  });

  it('appends without repeating the CSV header, and csv_no_header writes none', async () => {
    const dir = tempDirWith({ 'a.csv': 'n\n1\n' });
    const s = Schema.of(['n', SqlTypes.BIGINT]);
    await writeRows(dir, { path: 'a.csv', format: 'csv', append: 'true' }, s, [[2]]);
    await writeRows(dir, { path: 'b.csv', format: 'csv_no_header' }, s, [[3]]);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('n\n1\n2\n');
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('3\n');
  });

  it('reproduces a CSV input byte for byte through file_source → file_sink', async () => {
    const input =
      'id,price,name,at,day,flag\n' +
      '1,2.50,"a, b",2024-01-01T10:00:00,2024-01-01,true\n' +
      '2,3.125,"multi\nline",2024-01-01T10:00:00.500,2024-01-02,false\n' +
      '3,,"",,,\n' +
      '4,-0.10," padded ",2024-01-01T00:00:00,2024-01-03,true\n';
    const dir = tempDirWith({ 'in.csv': input });
    const read = await readFileSource(dir, { path: 'in.csv' });
    expect(read.bad).toEqual([]);
    await writeRows(dir, { path: 'out.csv', format: 'csv' }, read.schema, read.rows);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(input);
  });

  it('reproduces a jsonlines input through file_source → file_sink, decimals untouched', async () => {
    const input = '{"id":1,"price":12.50,"tags":["x"],"m":{"a":0.10}}\n{"id":2,"price":0.001,"tags":[],"m":{"a":null}}\n';
    const dir = tempDirWith({ 'in.jsonl': input });
    const read = await readFileSource(dir, { path: 'in.jsonl', format: 'jsonl' });
    await writeRows(dir, { path: 'out.jsonl' }, read.schema, read.rows);
    expect(readFileSync(join(dir, 'out.jsonl'), 'utf8')).toBe(input);
  });
});
