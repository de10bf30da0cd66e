import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noopTelemetry, type Counter, type MetricLabels, type RecordBatch, type Sink, type Telemetry } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { createEngine, type JobRunner } from '../../src/index.js';

/** Telemetry that keeps counter sums by `name{labels}`. */
function countingTelemetry(): { telemetry: Telemetry; sums: Map<string, number> } {
  const sums = new Map<string, number>();
  const counter = (name: string): Counter => ({
    inc: (labels?: MetricLabels, value = 1) => {
      const key = `${name}${JSON.stringify(labels ?? {})}`;
      sums.set(key, (sums.get(key) ?? 0) + value);
    },
  });
  return { telemetry: { ...noopTelemetry, counter }, sums };
}

async function until(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !probe(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(probe()).toBe(true);
}

/** Two independent jobs over unbounded generators; their sinks are provided by the test. */
const TWO_JOBS = `CREATE STREAM fast AS SELECT symbol FROM a WITH ('a.type' = 'generator', 'a.rate' = '400');
CREATE STREAM slow AS SELECT symbol FROM b WITH ('b.type' = 'generator', 'b.rate' = '400');`;

describe('controlling one job of a running app', () => {
  it('pauses, resumes and stops one job while the other keeps running, labelling metrics with jobId', async () => {
    const { telemetry, sums } = countingTelemetry();
    const observed: number[] = [];
    const engine = await createEngine({
      sql: TWO_JOBS,
      sinks: { fast: discard('fast'), slow: discard('slow') },
      telemetry,
      jobId: (job) => `app/${job.name}`,
      observeOutput: (job) => (job.name === 'fast' ? { push: async (b: RecordBatch) => void observed.push(b.rows.length), end: () => undefined, fail: () => undefined } : undefined),
      warn: () => undefined,
    });
    const running = engine.run();
    await until(() => engine.runningJobs.length === 2 && engine.runningJobs.every((j) => j.stats.recordsIn > 0));
    const [fast, slow] = engine.runningJobs as [JobRunner, JobRunner];
    fast.pause();
    await until(() => fast.stats.state === 'paused');
    const held = fast.stats.recordsIn;
    const slowBefore = slow.stats.recordsIn;
    await until(() => slow.stats.recordsIn > slowBefore);
    expect(fast.stats.recordsIn).toBe(held);
    fast.resume();
    await until(() => fast.stats.recordsIn > held);
    fast.stop();
    await until(() => fast.stats.state === 'stopped');
    expect(slow.stats.state).toBe('running');
    engine.stop();
    const summary = await running;
    expect(summary.ok).toBe(true);
    expect(summary.jobs.map((j) => j.state)).toEqual(['stopped', 'stopped']);
    expect(sums.get('velo_records_in_total{"job":"app/fast","source":"a"}')).toBe(fast.stats.recordsIn);
    expect(sums.get('velo_records_out_total{"job":"app/fast","sink":"fast"}')).toBe(fast.stats.recordsOut);
    expect(observed.reduce((n, k) => n + k, 0)).toBe(fast.stats.recordsOut);
    expect(fast.profile().operators.map((o) => o.name)).toEqual(['FilterProject']);
    expect(fast.profile().operators[0]!.rowsIn).toBe(fast.stats.recordsIn);
  });

  it('refuses a source or sink path outside allowedRoot when the app is planned, before anything is opened', async () => {
    const root = mkdtempSync(join(tmpdir(), 'velo-root-'));
    await expect(
      createEngine({
        sql: "CREATE STREAM o AS SELECT * FROM s WITH ('s.type' = 'file_source', 's.path' = '../outside.csv', 'o.type' = 'file_sink', 'o.path' = 'o.jsonl')",
        baseDir: root,
        allowedRoot: root,
        warn: () => undefined,
      }),
    ).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    await expect(
      createEngine({
        sql: "CREATE STREAM o AS SELECT symbol FROM g WITH ('g.type' = 'generator', 'g.count' = '1', 'o.type' = 'file_sink', 'o.path' = '/tmp/elsewhere/o.jsonl')",
        baseDir: root,
        allowedRoot: root,
        warn: () => undefined,
      }),
    ).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT', message: "the path '/tmp/elsewhere/o.jsonl' of 'o' leaves the apps folder " + root });
  });
});

describe('a job over a source whose reads resolve at once', () => {
  it('gives timers a turn while it runs (an in-memory input of 300 000 records)', async () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => ({ id: i, v: i % 7 }));
    const engine = await createEngine({ sql: 'CREATE STREAM out AS SELECT id, v * 2 AS w FROM src WHERE v > 2;', sources: { src: rows }, sinks: { out: discard('out') }, warn: () => undefined });
    let ticks = 0;
    const timer = setInterval(() => void ticks++, 1);
    const started = performance.now();
    const summary = await engine.run();
    const ranMs = performance.now() - started;
    clearInterval(timer);
    expect(summary.ok).toBe(true);
    expect(summary.jobs[0]!.recordsIn).toBe(300_000);
    // Timers ran during the run, not only after it: a turn at least every YIELD_EVERY_MS of batches (a loose bound).
    if (ranMs > 100) expect(ticks).toBeGreaterThan(2);
  });
});

/** A sink that accepts and forgets every batch. */
function discard(name: string): Sink {
  return { name, open: async () => undefined, write: async () => undefined, flush: async () => undefined, close: async () => undefined };
}
