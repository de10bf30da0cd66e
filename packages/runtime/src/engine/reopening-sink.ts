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
    return new ReopeningSink(sink, schema, context);
  }
}

/** A sink whose open failed: opens it again before each write; once open it passes everything through. */
export class ReopeningSink implements Sink {
  private opened = false;

  constructor(
    private readonly inner: Sink,
    private readonly schema: Schema,
    private readonly context: ConnectorContext,
  ) {}

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
    await this.inner.open(this.schema, this.context);
    this.opened = true;
  }
}
