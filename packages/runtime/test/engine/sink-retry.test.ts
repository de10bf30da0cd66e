import { ErrorCodes, VeloError, type RecordBatch, type Row, type Sink } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { retryBackoffMs } from '../../src/engine/sink-write.js';
import { IterableSource, createEngine, type RunSummary } from '../../src/index.js';

/** A sink whose first `failures` writes throw (a broker gone for a while), then stores rows; counts attempts. */
class FlakySink implements Sink {
  readonly name = 'out';
  readonly rows: Row[] = [];
  readonly attemptTimes: number[] = [];
  constructor(private failures: number) {}
  async open(): Promise<void> {}
  async write(batch: RecordBatch): Promise<void> {
    this.attemptTimes.push(performance.now());
    if (this.failures > 0) {
      this.failures--;
      throw new VeloError(ErrorCodes.SINK_WRITE, 'broker not available', { retryable: true });
    }
    this.rows.push(...batch.rows);
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

async function run(sink: FlakySink, keys: string): Promise<RunSummary> {
  const engine = await createEngine({
    sql: `CREATE STREAM out AS SELECT n, n * 2 AS twice FROM nums WITH (${keys});`,
    sources: { nums: new IterableSource({ name: 'nums', items: [{ n: 1 }, { n: 2 }, { n: 3 }] }) },
    sinks: { out: sink },
    warn: () => undefined,
  });
  return engine.run();
}

describe('failure_strategy = retry for sink writes', () => {
  it('retries a failing write with doubling backoff and writes every row once when the sink comes back', async () => {
    const sink = new FlakySink(3);
    const summary = await run(sink, `'failure_strategy' = 'RetryWithBackoff', 'max_retries' = '3', 'retry_backoff' = '20'`);
    expect(summary.error).toBeUndefined();
    expect(sink.rows).toEqual([[1, 2], [2, 4], [3, 6]]);
    expect(sink.attemptTimes).toHaveLength(4);
    const waits = sink.attemptTimes.slice(1).map((t, i) => t - (sink.attemptTimes[i] as number));
    // 20, 40 and 80 ms (timers fire no earlier than asked, give or take a millisecond of clock rounding).
    waits.forEach((wait, i) => expect(wait).toBeGreaterThanOrEqual(20 * 2 ** i - 1));
  });

  it('stops the job with SINK_WRITE naming the attempts when max_retries are spent under failure_strategy = fail', async () => {
    // `fail` makes one attempt; under `retry` the spent attempts dead-letter the batch (sink-failures.test.ts).
    const sink = new FlakySink(100);
    const summary = await run(sink, `'failure_strategy' = 'fail', 'max_retries' = '2', 'retry_backoff' = '5'`);
    expect(sink.attemptTimes).toHaveLength(1);
    expect(summary.ok).toBe(false);
    expect(summary.error?.code).toBe('SINK_WRITE');
    expect(summary.error?.message).toBe('broker not available');
    expect(sink.rows).toEqual([]);
  });

  it('makes one attempt under the other strategies, and the job goes on', async () => {
    for (const strategy of ['skip', 'dead_letter']) {
      const sink = new FlakySink(1);
      const summary = await run(sink, `'failure_strategy' = '${strategy}', 'max_retries' = '5'`);
      expect(sink.attemptTimes, strategy).toHaveLength(1);
      expect(summary.error, strategy).toBeUndefined();
    }
  });

  it('caps the backoff at 30 s however many retries are allowed', () => {
    expect([1, 2, 3, 12, 40].map((retry) => retryBackoffMs({ retryBackoffMs: 1000 }, retry))).toEqual([1000, 2000, 4000, 30_000, 30_000]);
  });
});
