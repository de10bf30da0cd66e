import { describe, expect, it } from 'vitest';
import { Schema, SqlTypes, decimalType, formatSqlType } from '@velots/core';
import { plain, readFileSource, tempDirWith } from './harness.js';

describe('file_source reading JSON', () => {
  it('decodes fractions as exact decimals at their scale, integers as BIGINT, nested values as STRUCT and ARRAY', async () => {
    const dir = tempDirWith({
      'j.jsonl':
        '{"id":1,"price":12.50,"tags":["a","b"],"meta":{"ok":true,"n":2}}\n' +
        '\n' +
        '{"id":12345678901234567890,"price":0.1,"big":9007199254740993,"meta":{"ok":false}}\r\n' +
        '{"id":3,"price":1e2}\n',
    });
    const { schema, rows, bad } = await readFileSource(dir, { path: 'j.jsonl', format: 'jsonl' });
    expect(bad).toEqual([]);
    expect(schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`)).toEqual([
      'id DECIMAL(38,0)',
      'price DECIMAL(38,2)',
      'tags ARRAY(STRING)',
      'meta STRUCT(ok BOOLEAN, n BIGINT)',
      'big BIGINT',
    ]);
    expect(plain(rows)).toEqual([
      ['dec:1', 'dec:12.50', ['a', 'b'], { ok: true, n: 2 }, null],
      ['dec:12345678901234567890', 'dec:0.1', null, { ok: false, n: null }, 9007199254740993n],
      ['dec:3', 'dec:100', null, null, null],
    ]);
  });

  it('reports invalid JSON and non-object records with file:line:column and keeps reading', async () => {
    const dir = tempDirWith({ 'bad.json': '{"a":1}\n{"a": 2,, }\n[1]\n{"a":3}\n' });
    const { rows, bad } = await readFileSource(dir, { path: 'bad.json', format: 'json' });
    expect(rows).toEqual([[1], [3]]);
    expect(bad.map((b) => [b.error.code, b.error.message, b.raw, b.location.line, b.location.column])).toEqual([
      ['RECORD_MALFORMED', "bad.json:2:9: invalid JSON: expected a string key", '{"a": 2,, }', 2, 9],
      ['RECORD_MALFORMED', 'bad.json:3:1: expected a JSON object, found an array', '[1]', 3, 1],
    ]);
  });

  it('reads a file holding one top-level array of objects, elements spanning lines', async () => {
    const dir = tempDirWith({ 'arr.json': '[\n  {"a": 1,\n   "s": "x]}"},\n  {"a": 2, "s": "y"}\n]\n' });
    const { rows, bad } = await readFileSource(dir, { path: 'arr.json', format: 'json' });
    expect(bad).toEqual([]);
    expect(rows).toEqual([
      [1, 'x]}'],
      [2, 'y'],
    ]);
  });

  it('casts to a declared schema: DOUBLE from a fraction, DECIMAL rescaled, TIMESTAMP from text, missing keys NULL', async () => {
    const dir = tempDirWith({ 'c.jsonl': '{"d":0.1,"m":2.345,"t":"2024-01-01T00:00:00Z"}\n{"d":"x","m":1}\n{"m":1,"t":5}\n' });
    const schema = Schema.of(['d', SqlTypes.DOUBLE], ['m', decimalType(6, 2)], ['t', SqlTypes.TIMESTAMP]);
    const { rows, bad } = await readFileSource(dir, { path: 'c.jsonl', format: 'jsonlines' }, { schema });
    expect(plain(rows)).toEqual([
      [0.1, 'dec:2.35', 1704067200000],
      [null, 'dec:1.00', 5],
    ]);
    expect(bad.map((b) => b.error.message)).toEqual(['c.jsonl:2: field \'d\' value "x" cannot be cast to DOUBLE']);
  });
});
