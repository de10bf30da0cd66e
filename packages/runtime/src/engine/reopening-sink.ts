import { ErrorCodes, isVeloError, type ConnectorContext, type RecordBatch, type Schema, type Sink, type UndeliveredRows } from '@velots/core';
import type { FailureStrategy } from '@velots/planner';

/**
 * Opens a job's sink. When the open fails with SINK_WRITE (an unwritable path, an unreachable cluster past its
 * connect deadline) and the job's failure strategy is not `fail`, the job still starts: the sink is returned
 * wrapped in a ReopeningSink, which tries the open again before each write until it succeeds, so each batch
 * written meanwhile fails and goes to the failure strategy (dead letter, skip) with the open's error as reason.
 * Any other open error (a bad configuration), any error under `fail`, and any in transactional mode (whose commits
 * need the open producer) stop the job at once.
 */
export async function openSink(sink: Sink, schema: Schema, context: ConnectorContext, strategy: FailureStrategy, transactional: boolean, warn: (message: string) => void, job: string): Promise<Sink> {
  try {
    await sink.open(schema, context);
    return sink;
  } catch (error) {
    if (strategy === 'fail' || transactional || !isVeloError(error) || error.code !== ErrorCodes.SINK_WRITE) throw error;
    warn(`job '${job}': sink '${sink.name}' did not open (${error.message}); the job goes on and tries again at each write (failure_strategy = ${strategy})`);
    return new ReopeningSink(sink, schema, context, error);
  }
}

/** The first wait before a failed open is tried again, doubled after each failure up to the longest. */
const FIRST_REOPEN_WAIT_MS = 1000;
const LONGEST_REOPEN_WAIT_MS = 30_000;

/**
 * A sink whose open failed: opens it again before a write, at most once per wait (1 s doubling to 30 s, so a sink
 * whose open itself waits — a Kafka cluster's connect timeout — does not hold every batch); between tries a write
 * fails at once with the last open error. Once open it passes everything through.
 */
export class ReopeningSink implements Sink {
  private opened = false;
  private failures = 0;
  private nextTry = 0;
  private lastError: unknown;

  constructor(
    private readonly inner: Sink,
    private readonly schema: Schema,
    private readonly context: ConnectorContext,
    openError: unknown,
  ) {
    // The open that just failed counts as the first try.
    this.lastError = openError;
    this.failures = 1;
    this.nextTry = Date.now() + FIRST_REOPEN_WAIT_MS;
  }

  get name(): string {
    return this.inner.name;
  }

  async open(): Promise<void> {
    await this.ensureOpen();
  }

  async write(batch: RecordBatch): Promise<void> {
    await this.ensureOpen();
    await this.inner.write(batch);
  }

  async flush(): Promise<void> {
    if (this.opened) await this.inner.flush();
  }

  async close(): Promise<void> {
    if (this.opened) await this.inner.close();
  }

  takeUndelivered(): readonly UndeliveredRows[] {
    return this.opened ? (this.inner.takeUndelivered?.() ?? []) : [];
  }

  private async ensureOpen(): Promise<void> {
    if (this.opened) return;
    if (this.failures > 0 && Date.now() < this.nextTry) throw this.lastError;
    try {
      await this.inner.open(this.schema, this.context);
      this.opened = true;
    } catch (error) {
      this.lastError = error;
      this.nextTry = Date.now() + Math.min(LONGEST_REOPEN_WAIT_MS, FIRST_REOPEN_WAIT_MS * 2 ** this.failures);
      this.failures++;
      throw error;
    }
  }
}
