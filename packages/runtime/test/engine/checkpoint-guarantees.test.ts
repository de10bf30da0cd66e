import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Schema, SqlTypes, VeloError, createBatch, noopTelemetry, type MetricLabels, type Sink, type Source, type SourceBatch, type SourceContext, type SourcePosition, type Telemetry } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { CollectingSink, JobCheckpointStore, createEngine, loadAppCheckpoint, type RowObject } from '../../src/index.js';
import { checkpointDir, expectAtLeastOnce, runApp, sortedLines } from './checkpoint-harness.js';

const SCHEMA = Schema.of(['id', SqlTypes.BIGINT], ['k', SqlTypes.BIGINT], ['ts', SqlTypes.BIGINT]);

/**
 * `count` records (id, id % 7, 100 ms of event time apart), one batch per millisecond so timers (checkpoints) run;
 * resumes from `{ record }`; logs each commit with the newest durable checkpoint's position at that moment.
 */
class PacedSource implements Source {
  readonly name = 'src';
  readonly bounded = true;
  readonly commits: { committed: number; durable: number | undefined }[] = [];
  private next_ = 0;
  private context: SourceContext | undefined;

  constructor(
    private readonly count: number,
    private readonly dir: string,
    private readonly badAt?: number,
  ) {}

  async open(context: SourceContext): Promise<Schema> {
    this.context = context;
    const resume = context.resumeFrom as { record?: number } | undefined;
    this.next_ = resume?.record ?? 0;
    return SCHEMA;
  }

  async next(maxRecords: number): Promise<SourceBatch | undefined> {
    if (this.next_ >= this.count) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 1));
    const rows = [];
    const times = [];
    for (let i = 0; i < Math.min(maxRecords, 10) && this.next_ < this.count; i++, this.next_++) {
      if (this.next_ === this.badAt) {
        this.context!.reportBadRecord({ raw: 'garbage', error: new VeloError('SERDE_DECODE', 'not a record'), location: { source: 'src', offset: this.next_ } });
        continue;
      }
      rows.push([this.next_, this.next_ % 7, this.next_ * 100]);
      times.push(this.next_ * 100);
    }
    return { batch: createBatch(SCHEMA, rows, times), position: { record: this.next_ } };
  }

  async commit(position: SourcePosition): Promise<void> {
    const { checkpoint } = await loadAppCheckpoint(this.dir);
    const durable = checkpoint?.jobs.get('out')?.sources[0]?.position['record'] as number | undefined;
    this.commits.push({ committed: position['record'] as number, durable });
  }

  async close(): Promise<void> {}
}

const WINDOWED = `CREATE STREAM out AS SELECT k, COUNT(*) AS n, SUM(id) AS total, _window_start AS ws FROM src GROUP BY k WINDOW TUMBLING(ts, 5s) EMIT FINAL WITH ('src.event.time.field' = 'ts');`;

describe('checkpoint guarantees', () => {
  it('commits a source only with the position of a checkpoint already durable', async () => {
    const dir = checkpointDir();
    const source = new PacedSource(1500, dir);
    const run = await runApp(WINDOWED, ['out'], { dir, batchSize: 10, intervalMs: 15, extra: { sources: { src: source } } });
    expect(run.summary.ok).toBe(true);
    expect(source.commits.length).toBeGreaterThan(2);
    for (const commit of source.commits) expect(commit.committed).toBe(commit.durable);
    expect(source.commits.at(-1)!.committed).toBe(1500);
  });

  it('falls back past a corrupted newest checkpoint and still delivers every window', async () => {
    const expected = (await runApp(WINDOWED, ['out'], { batchSize: 10, extra: { sources: { src: new PacedSource(1500, checkpointDir()) } } })).outputs['out']!;
    const dir = checkpointDir();
    const first = await runApp(WINDOWED, ['out'], {
      dir,
      batchSize: 10,
      intervalMs: 15,
      extra: { sources: { src: new PacedSource(1500, dir) } },
      stop: { when: (e) => (e.runningJobs[0]?.checkpointStatus().lastCheckpoint?.id ?? 0) >= 3 && e.runningJobs[0]!.stats.recordsIn > 700, how: 'abort' },
    });
    const store = new JobCheckpointStore(dir, 'out');
    const [newest, previous] = await store.ids();
    expect(previous).toBe(newest! - 1);
    const bytes = readFileSync(store.fileOf(newest!));
    bytes[100]! ^= 0x01;
    writeFileSync(store.fileOf(newest!), bytes);
    const second = await runApp(WINDOWED, ['out'], { dir, batchSize: 10, extra: { sources: { src: new PacedSource(1500, dir) } } });
    expect(second.summary.ok).toBe(true);
    expect(second.warnings.join('\n')).toContain(`checkpoint ${newest}: job 'out': ${store.fileOf(newest!)}: checksum mismatch`);
    expect(second.warnings.join('\n')).toContain(`restoring from checkpoint ${previous}`);
    expect(second.engine.runningJobs[0]!.checkpointStatus().restores).toEqual([
      { at: expect.any(Number), checkpointId: previous, fellBack: true, reason: expect.stringContaining('checksum mismatch'), durationMs: expect.any(Number) },
    ]);
    expectAtLeastOnce(first.outputs['out']!, second.outputs['out']!, expected);
  });

  it('a job failing under failure_strategy fail keeps its last checkpoint, which a restart uses', async () => {
    const dir = checkpointDir();
    const sql = WINDOWED.replace("WITH (", "WITH ('failure_strategy' = 'fail', ");
    const first = await runApp(sql, ['out'], { dir, batchSize: 10, intervalMs: 15, extra: { sources: { src: new PacedSource(1500, dir, 900) } } });
    expect(first.summary.ok).toBe(false);
    const { checkpoint } = await loadAppCheckpoint(dir);
    expect(checkpoint).toBeDefined();
    const position = checkpoint!.jobs.get('out')!.sources[0]!.position['record'] as number;
    expect(position).toBeGreaterThan(0);
    expect(position).toBeLessThanOrEqual(900);
    expect(checkpoint!.jobs.get('out')!.status).toBe('running');
    // The restart goes on from there (and fails on the same record again: the input is still bad).
    const second = await runApp(sql, ['out'], { dir, batchSize: 10, extra: { sources: { src: new PacedSource(1500, dir, 900) } } });
    expect(second.summary.ok).toBe(false);
    expect(second.engine.runningJobs[0]!.checkpointStatus().restores[0]!.checkpointId).toBe(checkpoint!.id);
    expect(second.summary.jobs[0]!.recordsIn).toBeGreaterThanOrEqual(900);
  });

  it('a transactional job commits its transaction at each checkpoint, before the checkpoint is written', async () => {
    const dir = checkpointDir();
    const store = new JobCheckpointStore(dir, 'out');
    const log: { position: number; newestFile: number | undefined }[] = [];
    const inner = new CollectingSink({ name: 'out' });
    const sink: Sink = {
      name: 'out',
      open: (schema, context) => inner.open(schema, context),
      write: (batch) => inner.write(batch),
      flush: () => inner.flush(),
      close: () => inner.close(),
      commitWithPosition: async (position) => {
        log.push({ position: position['record'] as number, newestFile: (await store.ids())[0] });
      },
    };
    const sql = `-- @job_mode: transactional\n${WINDOWED}`;
    const engine = await createEngine({ sql, sources: { src: new PacedSource(1500, dir) }, sinks: { out: sink }, batchSize: 10, checkpoints: { dir, intervalMs: 15 }, warn: () => undefined });
    const summary = await engine.run();
    expect(summary.ok).toBe(true);
    expect(log.length).toBeGreaterThan(2);
    // Commit k happens while checkpoint k is not yet on disk: the newest file is the previous checkpoint's.
    log.forEach((entry, k) => expect(entry.newestFile).toBe(k === 0 ? undefined : k));
    expect(log.at(-1)!.position).toBe(1500);
    const { checkpoint } = await loadAppCheckpoint(dir);
    expect(checkpoint!.id).toBe(log.length);
    expect(checkpoint!.jobs.get('out')!.sources[0]!.position).toEqual({ record: 1500 });
    expect(inner.rows.length).toBe(7 * 30);
  });

  it('reports checkpoint and restore metrics with the job label, and bad-record counters go on across a restart', async () => {
    const observed: { name: string; value: number; labels: MetricLabels | undefined }[] = [];
    const telemetry: Telemetry = {
      ...noopTelemetry,
      histogram: (name) => ({ observe: (value, labels) => void observed.push({ name, value, labels }) }),
      gauge: (name) => ({ set: (value, labels) => void observed.push({ name, value, labels }), inc: () => undefined, dec: () => undefined }),
      counter: (name) => ({ inc: (labels, value = 1) => void observed.push({ name, value, labels }) }),
    };
    const dir = checkpointDir();
    const first = await runApp(WINDOWED, ['out'], {
      dir,
      batchSize: 10,
      intervalMs: 15,
      extra: { sources: { src: new PacedSource(1500, dir, 100) }, telemetry },
      stop: { when: (e) => (e.runningJobs[0]?.stats.recordsIn ?? 0) > 500, how: 'shutdown' },
    });
    const durations = observed.filter((m) => m.name === 'velo_checkpoint_duration_seconds');
    const sizes = observed.filter((m) => m.name === 'velo_checkpoint_bytes');
    expect(durations.length).toBeGreaterThan(0);
    expect(durations.every((m) => m.labels?.['job'] === 'out' && m.value >= 0 && m.value < 10)).toBe(true);
    expect(sizes.at(-1)!.value).toBe(first.engine.runningJobs[0]!.checkpointStatus().lastCheckpoint!.bytes);
    observed.length = 0;
    const second = await runApp(WINDOWED, ['out'], { dir, batchSize: 10, extra: { sources: { src: new PacedSource(1500, dir, 100) }, telemetry } });
    expect(observed.filter((m) => m.name === 'velo_restores_total')).toEqual([{ name: 'velo_restores_total', value: 1, labels: { job: 'out' } }]);
    expect(second.engine.runningJobs[0]!.badRecordCounts()).toMatchObject({ total: 1, byCode: { SERDE_DECODE: 1 } });
    const all: RowObject[] = [...first.outputs['out']!, ...second.outputs['out']!];
    expect(all.reduce((n, row) => n + Number(row['n']), 0)).toBe(1499);
  });

  it('refuses to restore an app whose jobs changed since its checkpoint', async () => {
    const dir = checkpointDir();
    await runApp(WINDOWED, ['out'], { dir, batchSize: 10, extra: { sources: { src: new PacedSource(50, dir) } } });
    const renamed = WINDOWED.replace('CREATE STREAM out', 'CREATE STREAM out2');
    await expect(runApp(renamed, ['out2'], { dir, extra: { sources: { src: new PacedSource(50, dir) } } })).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining("holds the jobs [out] but the app runs [out2]: the app changed since it was taken"),
    });
  });

  it('a checkpoint that cannot be written is reported, commits nothing, and the job goes on', async () => {
    const dir = checkpointDir();
    // A file where the job's directory should be: every write fails.
    writeFileSync(join(dir, 'out'), 'in the way');
    const source = new PacedSource(300, dir);
    const run = await runApp(WINDOWED, ['out'], { dir, batchSize: 10, intervalMs: 15, extra: { sources: { src: source } } });
    expect(run.summary.ok).toBe(true);
    expect(run.outputs['out']!.reduce((n, row) => n + Number(row['n']), 0)).toBe(300);
    expect(run.warnings.length).toBeGreaterThan(0);
    expect(run.warnings.every((w) => /^checkpoint \d+ was not taken: .*; the previous checkpoint stays the one to restart from$/.test(w))).toBe(true);
    expect(source.commits).toEqual([]);
    expect(run.engine.runningJobs[0]!.checkpointStatus().lastCheckpoint).toBeUndefined();
  });

  it('checkpoints a GROUP BY split across worker threads and restores it exactly', async () => {
    const sql = (rate: string): string => `CREATE STREAM totals AS SELECT k, COUNT(*) AS n, SUM(v) AS total FROM g GROUP BY k EMIT FINAL
WITH ('parallelism' = '2', 'g.type' = 'generator', 'g.fields' = 'k:bigint[0..499], v:bigint[1..100]', 'g.count' = '4000', 'g.event.time.start' = '0'${rate});`;
    const expected = (await runApp(sql(''), ['totals'], {})).outputs['totals']!;
    const dir = checkpointDir();
    const first = await runApp(sql(", 'g.rate' = '2500'"), ['totals'], { dir, batchSize: 50, intervalMs: 20, stop: { when: (e) => (e.runningJobs[0]?.stats.recordsIn ?? 0) > 1000, how: 'shutdown' } });
    expect(first.engine.runningJobs[0]!.profile().operators.map((o) => o.name)).toContain('Parallel[UpdatingAggregate]');
    expect(first.summary.jobs[0]!.state).toBe('stopped');
    expect(first.outputs['totals']).toEqual([]);
    const second = await runApp(sql(", 'g.rate' = '20000'"), ['totals'], { dir, batchSize: 50 });
    expect(second.summary.ok).toBe(true);
    expect(sortedLines(second.outputs['totals']!)).toEqual(sortedLines(expected));
  });
});
