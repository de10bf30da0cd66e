import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, type RunSummary } from '../../src/index.js';
import { MIXED_COLUMNS, MIXED_SELECT, countsByCode, mixedInput, type InjectedBadRecord, type MixedInput } from '@velots/malformed-records';

interface Run {
  readonly summary: RunSummary;
  readonly warnings: string[];
  readonly output: string;
  readonly deadLetters: Record<string, unknown>[];
  readonly sourceBadRecords: number;
}

type Format = 'jsonlines' | 'csv';
const FILE: Record<Format, string> = { jsonlines: 'in.jsonl', csv: 'in.csv' };

/** Runs the mixed app over `input` in a fresh directory with the given strategy and extra WITH keys. */
async function runMixed(format: Format, input: MixedInput, strategy: string, extra: Record<string, string> = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'velo-malformed-'));
  writeFileSync(join(dir, FILE[format]), input.bytes);
  const keys: Record<string, string> = {
    'src.type': 'file_source',
    'src.path': FILE[format],
    'src.format': format === 'csv' ? 'csv' : 'jsonlines',
    'out.type': 'file_sink',
    'out.path': 'out.jsonl',
    failure_strategy: strategy,
    'dead.letter.queue.sink': 'dlq',
    'dlq.type': 'file_sink',
    'dlq.path': 'dlq.jsonl',
    ...extra,
  };
  const sql = `CREATE STREAM src (${MIXED_COLUMNS});
    CREATE STREAM out AS ${MIXED_SELECT} WITH (${Object.entries(keys).map(([k, v]) => `'${k}' = '${v}'`).join(', ')});`;
  const warnings: string[] = [];
  const engine = await createEngine({ sql, baseDir: dir, warn: (m) => warnings.push(m) });
  const summary = await engine.run();
  const sourceBadRecords = engine.connectorStats().find((c) => c.role === 'source')?.stats.badRecords ?? -1;
  const read = (name: string): string => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  const deadLetters = read('dlq.jsonl').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { summary, warnings, output: read('out.jsonl'), deadLetters, sourceBadRecords };
}

/** The dead-letter line an injected bad record must produce: its code, its place, its field, a reason naming the place. */
function expectedDeadLetter(format: Format, bad: InjectedBadRecord): Record<string, unknown> {
  if (bad.stage === 'operator') {
    return {
      code: bad.code,
      source: 'src',
      reason: expect.stringMatching(new RegExp(`^src, record ${bad.record}: cannot cast 'x7' from STRING to BIGINT$`)) as unknown,
      location: expect.objectContaining({ offset: bad.record, partition: 0 }) as unknown,
      rawEncoding: 'utf8',
    };
  }
  return {
    code: bad.code,
    source: 'src',
    reason: expect.stringMatching(new RegExp(`^${FILE[format].replace('.', '\\.')}:${bad.line}[:\\d]*: `)) as unknown,
    location: expect.objectContaining({ file: FILE[format], line: bad.line, offset: bad.record, field: bad.field ?? null }) as unknown,
    rawEncoding: 'utf8',
  };
}

/** Dead letters in input order (source rejects are written as they are read, operator failures after their batch). */
function byRecord(lines: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return [...lines].sort((a, b) => ((a['location'] as { offset: number }).offset) - ((b['location'] as { offset: number }).offset));
}

describe.each<Format>(['jsonlines', 'csv'])('a %s file with bad records mixed into good ones', (format) => {
  const input = mixedInput(format, format === 'csv' ? 1313 : 4242, 900, 60);
  const sourceStage = input.bad.filter((b) => b.stage === 'source').length;

  it('dead_letter: no crash, exact good output, every bad record dead-lettered with its place, counts equal, at every batch size', async () => {
    const runs = [];
    for (const size of ['1', '7', '4096']) runs.push(await runMixed(format, input, 'dead_letter', { max_batch_size: size }));
    for (const run of runs) {
      expect(run.summary.error).toBeUndefined();
      expect(run.summary.ok).toBe(true);
      expect(run.output).toBe(input.expectedOutput);
      expect(run.summary.badRecords).toEqual(countsByCode(input.bad));
      expect(run.sourceBadRecords).toBe(sourceStage);
      expect(run.summary.jobs[0]).toMatchObject({ recordsIn: input.goodCount + input.bad.length - sourceStage, recordsOut: input.goodCount });
      const dead = byRecord(run.deadLetters);
      expect(dead).toHaveLength(input.bad.length);
      dead.forEach((line, i) => expect(line, input.bad[i]?.kind).toMatchObject(expectedDeadLetter(format, input.bad[i] as InjectedBadRecord)));
    }
    // One warning per error code, not one per record.
    expect(runs[2]?.warnings.filter((w) => w.includes('bad record sent to the dead-letter sink'))).toHaveLength(Object.keys(countsByCode(input.bad)).length);
  });

  it('dead_letter keeps the raw text and the exact byte offset of a source reject (invalid UTF-8 bytes shown as U+FFFD)', async () => {
    const run = await runMixed(format, input, 'SendToDLQ');
    const text = input.bytes.toString('utf8').split('\n');
    const lineStarts = [0];
    for (let i = input.bytes.indexOf(10); i !== -1; i = input.bytes.indexOf(10, i + 1)) lineStarts.push(i + 1);
    const dead = byRecord(run.deadLetters);
    for (const [i, bad] of input.bad.entries()) {
      if (bad.stage !== 'source') continue;
      expect(dead[i]?.['raw'], bad.kind).toBe(text[bad.line - 1]);
      expect((dead[i]?.['location'] as { byteOffset: number }).byteOffset, `${bad.kind} at line ${bad.line}`).toBe(lineStarts[bad.line - 1]);
    }
  });

  it('skip: no crash, exact good output, counts equal, nothing dead-lettered', async () => {
    const run = await runMixed(format, input, 'LogAndContinue');
    expect(run.summary.ok).toBe(true);
    expect(run.output).toBe(input.expectedOutput);
    expect(run.summary.badRecords).toEqual(countsByCode(input.bad));
    expect(run.deadLetters).toEqual([]);
    expect(run.warnings.filter((w) => w.includes('bad record skipped'))).toHaveLength(Object.keys(countsByCode(input.bad)).length);
  });

  it('fail: stops with JOB_FAILED at the first bad record, naming its place', async () => {
    const run = await runMixed(format, input, 'fail');
    const first = input.bad[0] as InjectedBadRecord;
    expect(run.summary.ok).toBe(false);
    expect(run.summary.error?.code).toBe('JOB_FAILED');
    const place = first.stage === 'operator' ? `src, record ${first.record}` : `${FILE[format]}:${first.line}`;
    expect(run.summary.error?.message).toContain(`(failure_strategy = fail) at ${place}`);
    expect(run.summary.error?.location).toMatchObject(first.stage === 'operator' ? { offset: first.record } : { file: FILE[format], line: first.line });
    expect(run.deadLetters).toEqual([]);
  });

  it('retry: bad records are not retried but fall back to the configured dead-letter sink', async () => {
    const run = await runMixed(format, input, 'RetryWithBackoff', { max_retries: '2', retry_backoff: '5' });
    expect(run.summary.ok).toBe(true);
    expect(run.output).toBe(input.expectedOutput);
    expect(run.summary.badRecords).toEqual(countsByCode(input.bad));
    expect(byRecord(run.deadLetters).map((d) => d['code'])).toEqual(input.bad.map((b) => b.code));
  });
});
