import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_REPLACEMENT, replacementByteLengths } from '../../src/connectors/file/invalid-utf8.js';
import { createEngine } from '../../src/index.js';
import { readFileSource, tempDirWith } from './harness.js';

describe('replacementByteLengths', () => {
  it('gives the bytes each U+FFFD of the decoded text stands for, as the decoder replaces them', () => {
    const bytes = Buffer.concat([Buffer.from('a'), Buffer.from([0xff]), Buffer.from('\uFFFD'), Buffer.from([0xe2, 0x82]), Buffer.from('b'), Buffer.from([0xf0, 0x9f, 0x98])]);
    // 0xff alone: 1; a real U+FFFD: REAL_REPLACEMENT; a 3-byte sequence cut after 2 bytes: 2; the 4-byte start at the end is carried.
    expect(replacementByteLengths(bytes)).toEqual([1, REAL_REPLACEMENT, 2]);
    expect(bytes.toString('utf8').split('').filter((c) => c === '\uFFFD')).toHaveLength(4);
  });

  it('skips continuation bytes that finish a character the previous chunk began, and rejects overlongs', () => {
    expect(replacementByteLengths(Buffer.from([0x98, 0x80, 0x41, 0xc0, 0x80, 0xed, 0xa0, 0x80]))).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('a file with bytes that are not UTF-8', () => {
  async function run(bytes: Buffer): Promise<{ out: string; dead: string; bad: Readonly<Record<string, number>> }> {
    const dir = mkdtempSync(join(tmpdir(), 'velo-utf8-'));
    writeFileSync(join(dir, 'in.jsonl'), bytes);
    const engine = await createEngine({
      sql: `CREATE STREAM s (name STRING); CREATE STREAM out AS SELECT name FROM s WITH ('s.type' = 'file_source', 's.path' = 'in.jsonl', 's.format' = 'jsonlines',
        'out.type' = 'file_sink', 'out.path' = 'out.jsonl', 'failure_strategy' = 'dead_letter', 'dead.letter.queue.sink' = 'dlq', 'dlq.type' = 'file_sink', 'dlq.path' = 'dlq.jsonl');`,
      baseDir: dir,
      warn: () => undefined,
    });
    const summary = await engine.run();
    const read = (f: string): string => { try { return readFileSync(join(dir, f), 'utf8'); } catch { return ''; } };
    return { out: read('out.jsonl'), dead: read('dlq.jsonl'), bad: summary.badRecords };
  }

  it('keeps a real U+FFFD in valid input', async () => {
    const result = await run(Buffer.from('{"name":"a\uFFFDb"}\n{"name":"c"}\n'));
    expect(result.out).toBe('{"name":"a\uFFFDb"}\n{"name":"c"}\n');
    expect(result.bad).toEqual({});
  });

  it('dead-letters only the records with invalid bytes, at their exact line, column and byte offset', async () => {
    const lines = [Buffer.from('{"name":"ok \uFFFD"}'), Buffer.concat([Buffer.from('{"name":"x'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), Buffer.from('{"name":"zürich"}')];
    const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
    const result = await run(bytes);
    expect(result.out).toBe('{"name":"ok \uFFFD"}\n{"name":"zürich"}\n');
    expect(result.bad).toEqual({ RECORD_MALFORMED: 1 });
    const dead = result.dead.trim().split('\n').map((l) => JSON.parse(l) as { reason: string; location: { line: number; column: number; byteOffset: number } });
    expect(dead.map((d) => [d.location.line, d.location.column, d.location.byteOffset])).toEqual([[2, 11, lines[0]!.length + 1]]);
    expect(dead[0]?.reason).toBe('in.jsonl:2:11: invalid UTF-8: the record holds bytes that are not UTF-8 (shown as U+FFFD in raw)');
  });
});

describe('file positions past bytes that are not UTF-8', () => {
  it('are the real byte offsets, so a resumed read starts at the next record', async () => {
    const lines = [
      Buffer.from('{"name":"a"}'),
      Buffer.concat([Buffer.from('{"name":"b'), Buffer.from([0xff, 0xfe, 0xe2, 0x82]), Buffer.from('"}')]),
      Buffer.from('{"name":"ç"}'),
      Buffer.from('{"name":"d"}'),
      Buffer.from('{"name":"e"}'),
    ];
    const dir = tempDirWith({ 'in.jsonl': Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])) });
    const starts = lines.reduce<number[]>((acc, l, i) => [...acc, (acc[i] as number) + l.length + 1], [0]);
    const properties = { path: 'in.jsonl', format: 'jsonlines' };
    const whole = await readFileSource(dir, properties, { maxRecords: 2 });
    expect(whole.rows).toEqual([['a'], ['ç'], ['d'], ['e']]);
    expect(whole.bad.map((b) => [b.error.code, b.location.line, b.location.byteOffset])).toEqual([['RECORD_MALFORMED', 2, starts[1]]]);
    // Batches of 2 rows (the bad record is not one): lines 1-3, then 4-5; each position is where the next line starts.
    expect(whole.batches.map((b) => b.position['byteOffset'])).toEqual([starts[3], starts[5]]);
    const resumed = await readFileSource(dir, properties, { resumeFrom: whole.batches[0]?.position });
    expect(resumed.rows).toEqual([['d'], ['e']]);
  });
});
