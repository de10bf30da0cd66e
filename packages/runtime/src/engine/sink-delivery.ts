import { ErrorCodes, toVeloError, type Counter, type RecordBatch, type Row, type Schema, type Sink, type Telemetry, type TraceContext, type VeloError } from '@velots/core';
import type { JobPlan } from '@velots/planner';
import type { BadRecordHandler } from './bad-record-handler.js';
import { writeWithRetry } from './sink-write.js';

/**
 * A job's writes to its sink and what happens to rows the sink cannot take. A write whose attempts are spent
 * (one, or `max_retries + 1` under `retry`) and rows an asynchronous sink reports undelivered
 * (`Sink.takeUndelivered`) stop the job under `failure_strategy = fail`; under the other strategies they go to
 * the bad-record handler with a reason naming the sink and its error (dead letter, or counted and logged under
 * `skip`), are counted in `velo_sink_failed_records_total{job,sink}`, and the job goes on with its next batch.
 */
export class SinkDelivery {
  private readonly failedRecords: Counter;
  private readonly labels: { readonly job: string; readonly sink: string };
  private failed = 0;

  constructor(
    private readonly sink: Sink,
    private readonly schema: Schema,
    private readonly plan: JobPlan,
    private readonly telemetry: Telemetry,
    private readonly badRecords: BadRecordHandler,
    private readonly jobLabel: string,
  ) {
    this.labels = { job: jobLabel, sink: sink.name };
    this.failedRecords = telemetry.counter('velo_sink_failed_records_total', {
      help: 'Output records a sink could not write (after its retries), handed to the failure strategy',
      labelNames: ['job', 'sink'],
    });
  }

  /** Output records the sink failed to take so far. */
  get failedCount(): number {
    return this.failed;
  }

  /** Writes `batch`; a failure that outlived its retries goes to the failure strategy (thrown only under `fail`). */
  async write(batch: RecordBatch, trace: TraceContext | undefined): Promise<void> {
    try {
      await writeWithRetry(this.sink, batch, this.plan, this.telemetry, this.jobLabel, trace);
    } catch (error) {
      await this.divert(batch.rows, batch.schema, toVeloError(error, ErrorCodes.SINK_WRITE, `sink '${this.sink.name}'`));
    }
    await this.collectUndelivered();
  }

  /** Flushes the sink, then hands on whatever it reports undelivered. */
  async flush(): Promise<void> {
    await this.sink.flush();
    await this.collectUndelivered();
  }

  /** Hands rows the sink reports undelivered to the failure strategy; true when there were any. */
  async collectUndelivered(): Promise<boolean> {
    const undelivered = this.sink.takeUndelivered?.();
    if (!undelivered || undelivered.length === 0) return false;
    for (const { rows, error } of undelivered) await this.divert(rows, this.schema, error);
    return true;
  }

  private async divert(rows: readonly Row[], schema: Schema, error: VeloError): Promise<void> {
    if (this.plan.failureStrategy === 'fail') throw error;
    this.failed += rows.length;
    this.failedRecords.inc(this.labels, rows.length);
    this.badRecords.addSinkFailure(rows, schema, this.sink.name, error);
    await this.badRecords.flush();
  }
}
