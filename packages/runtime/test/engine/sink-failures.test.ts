import { ErrorCodes, VeloError, noopTelemetry, type Counter, type MetricLabels, type RecordBatch, type Row, type Sink, type Telemetry } from '@velots/core';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IterableSource, createEngine, type RunSummary } from '../../src/index.js';

/** A sink whose first `failures` writes throw, then stores rows. */
class FlakySink implements Sink {
  readonly name = 'out';
  readonly rows: Row[] = [];
  attempts = 0;
  constructor(private failures: number) {}
  async open(): Promise<void> {}
  async write(batch: RecordBatch): Promise<void> {
    this.attempts++;
    if (this.failures > 0) {
      this.failures--;
      throw new VeloError(ErrorCodes.SINK_WRITE, 'broker not available', { retryable: true });
    }
    this.rows.push(...batch.rows);
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

/** Telemetry that sums every counter by name and labels. */
class CounterRecorder implements Telemetry {
  readonly totals = new Map<string, number>();
  gauge = noopTelemetry.gauge;
  histogram = noopTelemetry.histogram;
  startSpan = noopTelemetry.startSpan;
  counter(name: string): Counter {
    return { inc: (labels?: MetricLabels, value = 1) => void this.totals.set(`${name}${JSON.stringify(labels ?? {})}`, (this.totals.get(`${name}${JSON.stringify(labels ?? {})}`) ?? 0) + value) };
  }
}

interface Outcome {
  readonly summary: RunSummary;
  readonly deadLetters: Record<string, unknown>[];
  readonly warnings: string[];
  readonly telemetry: CounterRecorder;
}

const nums = (): IterableSource => new IterableSource({ name: 'nums', items: [1, 2, 3, 4, 5, 6].map((n) => ({ n })) });

async function run(keys: string, sink?: FlakySink): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'velo-sink-failures-'));
  writeFileSync(join(dir, 'blocker'), 'a file where the sink wants a directory\n');
  const warnings: string[] = [];
  const telemetry = new CounterRecorder();
  const engine = await createEngine({
    sql: `CREATE STREAM out AS SELECT n, n * 10 AS tens FROM nums
      WITH ('max_batch_size' = '2', 'dead.letter.queue.sink' = 'dlq', 'dlq.type' = 'file_sink', 'dlq.path' = 'dlq.jsonl', ${keys});`,
    sources: { nums: nums() },
    ...(sink ? { sinks: { out: sink } } : {}),
    baseDir: dir,
    telemetry,
    warn: (message) => warnings.push(message),
  });
  const summary = await engine.run();
  const dlq = join(dir, 'dlq.jsonl');
  const deadLetters = existsSync(dlq) ? readFileSync(dlq, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) : [];
  return { summary, deadLetters, warnings, telemetry };
}

const failedRecords = (outcome: Outcome): number | undefined => outcome.telemetry.totals.get('velo_sink_failed_records_total{"job":"out","sink":"out"}');

describe('a sink that cannot take a batch', () => {
  it('sends the batches of a sink failing twice to the dead-letter sink with a reason naming the sink, and writes the rest', async () => {
    const sink = new FlakySink(2);
    const outcome = await run(`'failure_strategy' = 'dead_letter'`, sink);
    expect(outcome.summary.error).toBeUndefined();
    expect(sink.rows).toEqual([[5, 50], [6, 60]]);
    expect(outcome.deadLetters).toEqual([1, 2, 3, 4].map((n) => ({
      reason: "sink 'out': broker not available",
      code: 'SINK_WRITE',
      source: null,
      // The dead-letter line's place fields are those of source records; the reason names the sink.
      location: { file: null, line: null, column: null, byteOffset: null, topic: null, partition: null, offset: null, field: null },
      raw: `{"n":${n},"tens":${n * 10}}`,
      rawEncoding: 'utf8',
    })));
    expect(failedRecords(outcome)).toBe(4);
    expect(outcome.summary.badRecords).toEqual({ SINK_WRITE: 4 });
    expect(outcome.telemetry.totals.get('velo_dlq_records_total{"job":"out"}')).toBe(4);
  });

  it('dead-letters a batch whose retries are spent under failure_strategy = retry, naming the attempts, and goes on', async () => {
    const sink = new FlakySink(3);
    const outcome = await run(`'failure_strategy' = 'retry', 'max_retries' = '1', 'retry_backoff' = '1'`, sink);
    expect(outcome.summary.error).toBeUndefined();
    // Batch 1: two failed attempts; batch 2: one failure, then written; batch 3 at once.
    expect(sink.attempts).toBe(5);
    expect(sink.rows).toEqual([[3, 30], [4, 40], [5, 50], [6, 60]]);
    expect(outcome.deadLetters.map((d) => [d['raw'], d['reason']])).toEqual([1, 2].map((n) => [
      `{"n":${n},"tens":${n * 10}}`,
      "sink 'out' of job 'out' failed after 2 attempts (failure_strategy = retry, max_retries = 1): broker not available",
    ]));
    expect(failedRecords(outcome)).toBe(2);
  });

  it('counts and logs the rows under failure_strategy = skip, and the job ends ok', async () => {
    const sink = new FlakySink(1);
    const outcome = await run(`'failure_strategy' = 'skip'`, sink);
    expect(outcome.summary.ok).toBe(true);
    expect(sink.rows).toEqual([[3, 30], [4, 40], [5, 50], [6, 60]]);
    expect(outcome.deadLetters).toEqual([]);
    expect(outcome.summary.badRecords).toEqual({ SINK_WRITE: 2 });
    expect(outcome.warnings).toEqual(["job 'out': bad record skipped (SINK_WRITE): sink 'out': broker not available (further SINK_WRITE records are counted, not logged)"]);
    expect(failedRecords(outcome)).toBe(2);
  });

  it('stops the job under failure_strategy = fail', async () => {
    const sink = new FlakySink(1);
    const outcome = await run(`'failure_strategy' = 'fail'`, sink);
    expect(outcome.summary.error?.code).toBe('SINK_WRITE');
    expect(sink.rows).toEqual([]);
    expect(outcome.deadLetters).toEqual([]);
  });

  it('keeps a job whose file sink path cannot be created running: every batch goes to the dead-letter sink with the open error', async () => {
    const outcome = await run(`'failure_strategy' = 'dead_letter', 'out.type' = 'file_sink', 'out.path' = 'blocker/out.jsonl'`);
    expect(outcome.summary.error).toBeUndefined();
    expect(outcome.warnings[0]).toMatch(/^job 'out': sink 'out' did not open \(sink 'out': EEXIST: file already exists, mkdir .*blocker'\); the job goes on and tries again at each write \(failure_strategy = dead_letter\)$/);
    expect(outcome.deadLetters.map((d) => d['raw'])).toEqual([1, 2, 3, 4, 5, 6].map((n) => `{"n":${n},"tens":${n * 10}}`));
    for (const d of outcome.deadLetters) expect(d['reason']).toMatch(/^sink 'out': EEXIST: file already exists/);
    expect(failedRecords(outcome)).toBe(6);
  });

  it('fails at once when that file sink cannot open under failure_strategy = fail', async () => {
    const outcome = await run(`'failure_strategy' = 'fail', 'out.type' = 'file_sink', 'out.path' = 'blocker/out.jsonl'`);
    expect(outcome.summary.error?.code).toBe('SINK_WRITE');
    expect(outcome.summary.error?.message).toMatch(/^sink 'out': EEXIST/);
    expect(outcome.deadLetters).toEqual([]);
  });
});
