import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { Schema, SqlTypes, decimalType, type BadRecord, type SqlType } from '@velots/core';
import { JsonRecordFormat } from '../../src/connectors/json/json-record-format.js';
import { FileChunkSource } from '../../src/connectors/file/byte-chunks.js';
import { TextRecordSource } from '../../src/connectors/file/text-record-source.js';
import { plain, readAll, tempDirWith } from './harness.js';

/** Reads `text` as JSON lines, parsing records into their columns or (reference) into objects first. */
async function readJson(text: string, options: { intoColumns: boolean; chunk: number; declared?: Schema; batch: number }) {
  const dir = tempDirWith({ 'in.jsonl': text });
  const path = join(dir, 'in.jsonl');
  const source = new TextRecordSource({
    name: 'events',
    format: new JsonRecordFormat('events', options.intoColumns),
    inputs: async () => [{ display: 'in.jsonl', id: path, open: (start: number) => new FileChunkSource(path, start, options.chunk, true) }],
    declaredSchema: options.declared,
    inferRows: 3,
    batchSize: options.batch,
  });
  const result = await readAll(source, { maxRecords: options.batch });
  return {
    schema: result.schema.fields.map((f) => `${f.name} ${f.type.kind}`),
    rows: plain(result.rows),
    bad: result.bad.map((b: BadRecord) => [b.error.code, b.error.message, b.raw, b.byteOffset]),
    positions: result.batches.map((b) => ({ ...b.position, file: undefined })),
  };
}

/** Members as a writer would spell them, and the odd ones: escaped or repeated keys, blanks, nesting, bad values. */
const MEMBERS = [
  '"id":7',
  '"id":-0',
  '"id":12345678901234567890',
  '"id":"8"',
  '"id":1.5',
  '"id":null',
  '"px":2.50',
  '"px":1e3',
  '"px":-0.001',
  '"px":"3.25"',
  '"px":true',
  '"sym":"AAPL"',
  '"sym":"Zürich"',
  '"sym":"say \\"hi\\""',
  '"sym":"\\u0041BC"',
  '"s\\u0079m":"escaped key"',
  '"sym" : "spaced"',
  '"sym":{"nested":[1,2]}',
  '"sym":[1,"a"]',
  '"ok":false',
  '"ok":true',
  '"extra":123',
  '"idx":5',
  '"__proto__":1',
  '"id":01',
  '"px":',
  '"sym":"unterminated',
];

const jsonLines = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constant('{"id":1,"px":2.5,"sym":"AAPL","ok":true}') },
      { weight: 6, arbitrary: fc.subarray(MEMBERS).map((members) => `{${members.join(',')}}`) },
      { weight: 3, arbitrary: fc.shuffledSubarray(MEMBERS).map((members) => ` { ${members.join(' , ')} } `) },
      { weight: 1, arbitrary: fc.constantFrom('[1,2]', '3.5', '"text"', 'null', '{"id":1}}', '{"id":1,}', '{', '', '   ') },
    ),
    { minLength: 1, maxLength: 30 },
  )
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((end) => lines.join(end) + end));

describe('file_source JSON lines: records parsed into their columns read exactly as objects converted after', () => {
  it('same rows (Object.is), bad records and positions on a random corpus, inferred and declared, any chunk and batch size', async () => {
    const declared = new Schema([
      { name: 'id', type: SqlTypes.BIGINT, nullable: true },
      { name: 'px', type: decimalType(10, 3) as SqlType, nullable: true },
      { name: 'sym', type: SqlTypes.STRING, nullable: true },
      { name: 'ok', type: SqlTypes.BOOLEAN, nullable: true },
    ]);
    await fc.assert(
      fc.asyncProperty(jsonLines, fc.constantFrom(16, 41, 1 << 16), fc.constantFrom(1, 4, 100), fc.boolean(), async (text, chunk, batch, declare) => {
        const options = { chunk, batch, declared: declare ? declared : undefined };
        const reference = await readJson(text, { ...options, intoColumns: false });
        const into = await readJson(text, { ...options, intoColumns: true });
        expect(into).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  });

  it('reads members in the schema order through their spelled keys, and any other order or spelling the same', async () => {
    const text = ['{"id":1,"sym":"a","px":1.5}', '{"px":2.25,"id":2,"sym":"b"}', '{"\\u0069d":3,"sym":"c"}', '{"id":4,"id":5,"sym":"d","px":null}'].join('\n') + '\n';
    const { rows, bad } = await readJson(text, { intoColumns: true, chunk: 1 << 16, batch: 100 });
    expect(bad).toEqual([]);
    expect(rows).toEqual([
      [1, 'a', 'dec:1.5'],
      [2, 'b', 'dec:2.25'],
      [3, 'c', null],
      [5, 'd', null],
    ]);
  });
});
