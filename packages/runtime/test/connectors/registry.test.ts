import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ManualClock, Schema, SqlTypes, createBatch, noopTelemetry, type Source } from '@velots/core';
import { createSink, createSource, registerSourceType, type Created } from '../../src/connectors/index.js';
import { readAll, tempDirWith } from './harness.js';

function errorOf(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    const e = error as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('expected an error');
}

describe('connector registry', () => {
  it('requires path, naming the connector and the prefixed key', () => {
    expect(errorOf(() => createSource('file_source', { name: 'trades', properties: {}, baseDir: '/' }))).toEqual({
      code: 'CONFIG',
      message: "source 'trades': 'trades.path' is required",
    });
    expect(errorOf(() => createSink('file_sink', { name: 'out', properties: { path: '' }, baseDir: '/' }))).toEqual({
      code: 'CONFIG',
      message: "sink 'out': 'out.path' is required",
    });
  });

  it('rejects bad values with the allowed ones', () => {
    expect(errorOf(() => createSource('file_source', { name: 't', properties: { path: 'x', format: 'xml' }, baseDir: '/' })).message).toBe(
      "source 't': 't.format' must be one of csv, csv_no_header, json, jsonlines, json_lines, jsonl (got 'xml')",
    );
    expect(errorOf(() => createSource('file_source', { name: 't', properties: { path: 'x', delimiter: 'a' }, baseDir: '/' })).message).toBe(
      "source 't': 't.delimiter' must be one character that is not a letter, digit or line break (got 'a')",
    );
    expect(errorOf(() => createSource('file_source', { name: 't', properties: { path: 'x', has_headers: 'yes' }, baseDir: '/' })).message).toBe(
      "source 't': 't.has_headers' must be 'true' or 'false' (got 'yes')",
    );
  });

  it('warns about unknown keys but not about the keys the engine reads', () => {
    const created = createSource('file_source_mmap', {
      name: 't',
      properties: { path: 'x.csv', 'event.time.field': 'ts', 'watermark.strategy': 'ascending', colour: 'red' },
      baseDir: '/',
    });
    expect(created.warnings).toEqual(["source 't': unknown property 't.colour' (ignored)"]);
  });

  it('says which types are not supported, and that Kafka needs its package', () => {
    expect(errorOf(() => createSource('kafka_source', { name: 'k', properties: {}, baseDir: '/' }))).toEqual({
      code: 'NOT_SUPPORTED',
      message: "source 'k': type 'kafka_source' requires @velots/connectors-kafka",
    });
    expect(errorOf(() => createSink('s3_sink', { name: 's', properties: {}, baseDir: '/' })).code).toBe('NOT_SUPPORTED');
    expect(errorOf(() => createSink('iceberg_sink', { name: 's', properties: {}, baseDir: '/' })).code).toBe('NOT_SUPPORTED');
    expect(errorOf(() => createSource('database_source', { name: 's', properties: {}, baseDir: '/' })).code).toBe('NOT_SUPPORTED');
    expect(errorOf(() => createSource('ftp_source', { name: 's', properties: {}, baseDir: '/' })).code).toBe('CONFIG');
  });

  it('lets a later package register a type', async () => {
    registerSourceType('test_echo_source', (config, props) => {
      const fixed = props.required('value');
      const { connector } = createSource('generator', { name: config.name, properties: { count: '1', fields: `v:string(${fixed})` }, baseDir: '/' });
      return connector;
    });
    const created: Created<Source> = createSource('test_echo_source', { name: 'e', properties: { value: 'hello' }, baseDir: '/' });
    expect((await readAll(created.connector)).rows).toEqual([['hello']]);
  });

  it('reads stdin and writes stdout through injected streams', async () => {
    const stdin = new PassThrough();
    stdin.end('a,b\n1,x\n2,y\n');
    const source = createSource('stdin', { name: 'in', properties: {}, baseDir: '/', stdin }).connector;
    const read = await readAll(source);
    expect(read.rows).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
    const stdout = new PassThrough();
    const chunks: string[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c.toString()));
    const sink = createSink('stdout_sink', { name: 'out', properties: {}, baseDir: '/', stdout }).connector;
    await sink.open(read.schema, { signal: new AbortController().signal, telemetry: noopTelemetry, clock: new ManualClock(0) });
    await sink.write(createBatch(read.schema, read.rows));
    await sink.flush();
    await sink.close();
    expect(chunks.join('')).toBe('{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n');
  });

  it('fails to open a missing file with SOURCE_READ naming it', async () => {
    const dir = tempDirWith();
    const source = createSource('file_source', { name: 't', properties: { path: 'nope.csv' }, baseDir: dir, schema: Schema.of(['a', SqlTypes.BIGINT]) }).connector;
    await expect(readAll(source)).rejects.toMatchObject({ code: 'SOURCE_READ', message: "source 't': file not found: 'nope.csv'" });
  });
});
