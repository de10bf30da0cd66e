import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, ManualClock, VeloError, createBatch, formatSqlType, noopTelemetry } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { CollectingSink, DeadLetterWriter, IterableSource } from '../../src/connectors/index.js';
import { readAll, tempDirWith } from './harness.js';

const context = { signal: new AbortController().signal, telemetry: noopTelemetry, clock: new ManualClock(0) };

describe('in-memory connectors', () => {
  it('IterableSource infers types from plain objects and reads sync and async iterables alike', async () => {
    const objects = [
      { symbol: 'A', price: 1.5, qty: 3, exact: Decimal.parse('2.50'), at: new Date(1000), tags: ['x'] },
      { symbol: 'B', price: 2, qty: 4n, exact: null, at: new Date(2000), extra: true },
    ];
    async function* generate(): AsyncGenerator<Record<string, unknown>> {
      yield* objects;
    }
    for (const items of [objects, generate()]) {
      const { schema, rows } = await readAll(new IterableSource({ name: 'trades', items }), { maxRecords: 1 });
      expect(schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`)).toEqual([
        'symbol STRING',
        'price DOUBLE',
        'qty BIGINT',
        'exact DECIMAL(38,2)',
        'at TIMESTAMP',
        'tags ARRAY(STRING)',
        'extra BOOLEAN',
      ]);
      expect(rows.map((r) => r.map((v) => (v instanceof Decimal ? v.toString() : v)))).toEqual([
        ['A', 1.5, 3, '2.50', 1000, ['x'], null],
        ['B', 2, 4n, null, 2000, null, true],
      ]);
    }
  });

  it('CollectingSink keeps rows as objects keyed by column name, or hands batches to a callback', async () => {
    const source = new IterableSource({ name: 's', items: [{ a: 1, b: 'x' }] });
    const { schema, rows } = await readAll(source);
    const sink = new CollectingSink({ name: 'out' });
    await sink.open(schema, context);
    await sink.write(createBatch(schema, rows));
    expect(sink.rows).toEqual([{ a: 1, b: 'x' }]);
    const seen: number[] = [];
    const streaming = new CollectingSink({ name: 'out', onBatch: (batch) => void seen.push(batch.rows.length) });
    await streaming.open(schema, context);
    await streaming.write(createBatch(schema, rows));
    expect(seen).toEqual([1]);
    expect(streaming.rows).toEqual([]);
    expect(streaming.stats()).toEqual({ records: 1, bytes: 0, badRecords: 0 });
  });

  it('DeadLetterWriter writes one JSON line per bad record with reason, code, source, location and raw', async () => {
    const dir = tempDirWith();
    const writer = new DeadLetterWriter({ path: 'dlq/bad.jsonl', baseDir: dir });
    const location = { source: 'trades', file: 'p.csv', line: 5, byteOffset: 27, offset: 3, field: 'price' };
    const error = new VeloError(ErrorCodes.CAST_FAILED, "p.csv:5: field 'price' value 'abc' cannot be cast to DECIMAL(10,2)", { location });
    await writer.write([{ raw: '4,abc', error, location }]);
    await writer.close();
    expect(writer.count).toBe(1);
    expect(readFileSync(join(dir, 'dlq/bad.jsonl'), 'utf8')).toBe(
      '{"reason":"p.csv:5: field \'price\' value \'abc\' cannot be cast to DECIMAL(10,2)","code":"CAST_FAILED","source":"trades",' +
        '"location":{"file":"p.csv","line":5,"column":null,"byteOffset":27,"topic":null,"partition":null,"offset":3,"field":"price"},"raw":"4,abc","rawEncoding":"utf8"}\n',
    );
  });

  it('DeadLetterWriter keeps a Kafka place and writes binary raw records as base64', async () => {
    const dir = tempDirWith();
    const writer = new DeadLetterWriter({ path: 'bad.jsonl', baseDir: dir });
    const location = { source: 'payments', topic: 'pay', partition: 2, offset: 41 };
    const error = new VeloError(ErrorCodes.SERDE_DECODE, 'unknown magic byte 7', { location });
    await writer.write([{ raw: new Uint8Array([7, 0xff, 0, 1]), error, location }, { raw: new TextEncoder().encode('{"a":'), error, location }]);
    await writer.close();
    expect(readFileSync(join(dir, 'bad.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown)).toEqual([
      { reason: 'unknown magic byte 7', code: 'SERDE_DECODE', source: 'payments', location: { file: null, line: null, column: null, byteOffset: null, topic: 'pay', partition: 2, offset: 41, field: null }, raw: 'B/8AAQ==', rawEncoding: 'base64' },
      { reason: 'unknown magic byte 7', code: 'SERDE_DECODE', source: 'payments', location: { file: null, line: null, column: null, byteOffset: null, topic: 'pay', partition: 2, offset: 41, field: null }, raw: '{"a":', rawEncoding: 'utf8' },
    ]);
  });
});
