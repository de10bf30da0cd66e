import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIXED_COLUMNS, MIXED_SELECT, countsByCode, mixedInput, type InjectedBadRecord } from '@velots/malformed-records';
import { runCli } from './run-cli.js';

type Format = 'jsonlines' | 'csv';

/** An app folder as users write one: the data file, app.sql with the strategy, output and dead-letter files under out/. */
function appDir(format: Format, bytes: Buffer, strategy: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'velo-batch-malformed-'));
  const file = format === 'csv' ? 'in.csv' : 'in.jsonl';
  writeFileSync(join(dir, file), bytes);
  writeFileSync(
    join(dir, 'app.sql'),
    `CREATE STREAM src (${MIXED_COLUMNS});
-- @name: mixed
CREATE STREAM out AS ${MIXED_SELECT}
WITH ('src.type' = 'file_source', 'src.path' = './${file}', 'src.format' = '${format}',
      'out.type' = 'file_sink', 'out.path' = './out/out.jsonl',
      'failure_strategy' = '${strategy}', 'dead.letter.queue.sink' = 'dlq', 'dlq.type' = 'file_sink', 'dlq.path' = './out/dlq.jsonl');
`,
  );
  return dir;
}

describe.each<Format>(['jsonlines', 'csv'])('velo-sql-batch run over a %s file with bad records mixed in', (format) => {
  const input = mixedInput(format, format === 'csv' ? 77 : 99, 2000, 120);
  const counts = countsByCode(input.bad);
  const sourceStage = input.bad.filter((b) => b.stage === 'source').length;

  it('SendToDLQ: exit 0, exact output, every bad record in the dead-letter file, --json and metrics counts equal to the injected', async () => {
    const dir = appDir(format, input.bytes, 'SendToDLQ');
    const result = await runCli(['run', join(dir, 'app.sql'), '--json', '--metrics-file', join(dir, 'metrics.prom')], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out/out.jsonl'), 'utf8')).toBe(input.expectedOutput);
    const summary = JSON.parse(result.stdout) as { ok: boolean; errors: Record<string, number>; jobs: { recordsIn: number; recordsOut: number }[]; sources: { badRecords: number }[] };
    expect(summary.ok).toBe(true);
    expect(summary.errors).toEqual(counts);
    expect(summary.sources[0]?.badRecords).toBe(sourceStage);
    expect(summary.jobs[0]).toMatchObject({ recordsIn: input.goodCount + input.bad.length - sourceStage, recordsOut: input.goodCount });
    const dead = readFileSync(join(dir, 'out/dlq.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { code: string; reason: string; location: { line: number | null; offset: number; field: string | null } });
    dead.sort((a, b) => a.location.offset - b.location.offset);
    expect(dead.map((d) => [d.code, d.location.offset, d.location.line, d.location.field])).toEqual(
      input.bad.map((b: InjectedBadRecord) => [b.code, b.record, b.stage === 'source' ? b.line : null, b.stage === 'source' ? (b.field ?? null) : null]),
    );
    const file = format === 'csv' ? 'in.csv' : 'in.jsonl';
    for (const [i, d] of dead.entries()) expect(d.reason.startsWith(input.bad[i]?.stage === 'source' ? `${file}:${input.bad[i]?.line}` : `src, record ${input.bad[i]?.record}: `)).toBe(true);
    const metrics = readFileSync(join(dir, 'metrics.prom'), 'utf8');
    for (const [code, count] of Object.entries(counts)) expect(metrics).toContain(`velo_errors_total{job="mixed",code="${code}"} ${count}\n`);
    expect(metrics).toContain(`velo_dlq_records_total{job="mixed"} ${input.bad.length}\n`);
  });

  it('LogAndContinue: exit 0, exact output, the counts in --json, one warning per error code', async () => {
    const dir = appDir(format, input.bytes, 'LogAndContinue');
    const result = await runCli(['run', join(dir, 'app.sql'), '--json'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out/out.jsonl'), 'utf8')).toBe(input.expectedOutput);
    expect((JSON.parse(result.stdout) as { errors: Record<string, number> }).errors).toEqual(counts);
    expect(result.stderr.split('\n').filter((l) => l.includes('bad record skipped'))).toHaveLength(Object.keys(counts).length);
  });

  it('FailBatch: exit 2 with the first bad record\'s place', async () => {
    const dir = appDir(format, input.bytes, 'FailBatch');
    const result = await runCli(['run', join(dir, 'app.sql'), '--quiet'], { cwd: dir });
    const first = input.bad[0] as InjectedBadRecord;
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('JOB_FAILED');
    expect(result.stderr).toContain(first.stage === 'source' ? `${format === 'csv' ? 'in.csv' : 'in.jsonl'}:${first.line}` : `src, record ${first.record}`);
  });
});

describe('velo-sql-batch run with a sink that cannot write', () => {
  /** in.csv holds 3 rows; `out.path` lies under a regular file, so the sink can never open. */
  function blockedDir(strategy: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'velo-batch-blocked-sink-'));
    writeFileSync(join(dir, 'in.csv'), 'a,b\n1,x\n2,y\n3,z\n');
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder\n');
    writeFileSync(
      join(dir, 'app.sql'),
      `CREATE STREAM out AS SELECT a, b FROM src
WITH ('src.type' = 'file_source', 'src.path' = './in.csv', 'out.type' = 'file_sink', 'out.path' = './blocker/out.jsonl',
      'failure_strategy' = '${strategy}', 'dead.letter.queue.sink' = 'dlq', 'dlq.type' = 'file_sink', 'dlq.path' = './dlq.jsonl');
`,
    );
    return dir;
  }

  it('skip: the rows are counted, and the run exits 2 saying how many rows were not written', async () => {
    const dir = blockedDir('skip');
    const result = await runCli(['run', join(dir, 'app.sql')], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('bad records: 3 SINK_WRITE');
    expect(result.stderr).toContain('error: 3 row(s) could not be written to their sink');
  });

  it('SendToDLQ: every row lands in the dead-letter file with the sink named, and the run still exits 2', async () => {
    const dir = blockedDir('SendToDLQ');
    const result = await runCli(['run', join(dir, 'app.sql'), '--json'], { cwd: dir });
    expect(result.status).toBe(2);
    const summary = JSON.parse(result.stdout) as { errors: Record<string, number> };
    expect(summary.errors).toEqual({ SINK_WRITE: 3 });
    const dead = readFileSync(join(dir, 'dlq.jsonl'), 'utf8').trim().split('\n');
    expect(dead).toHaveLength(3);
    for (const line of dead) expect(line).toContain("sink 'out'");
  });
});
