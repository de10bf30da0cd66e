import { ErrorCodes, VeloError, isVeloError, type RecordBatch, type Sink, type Telemetry, type TraceContext } from '@velots/core';
import type { JobPlan } from '@velots/planner';

/**
 * Writes a batch to a job's sink inside a `velo.sink.write` span: under `failure_strategy = retry` a failed write
 * is retried with exponential backoff up to `max_retries` times; otherwise one attempt, and a non-VeloError
 * failure becomes SINK_WRITE naming the sink and the job.
 */
export async function writeWithRetry(sink: Sink, batch: RecordBatch, plan: JobPlan, telemetry: Telemetry, jobLabel: string, trace: TraceContext | undefined): Promise<void> {
  const attempts = plan.failureStrategy === 'retry' ? plan.maxRetries + 1 : 1;
  for (let attempt = 1; ; attempt++) {
    const span = telemetry.startSpan(
      'velo.sink.write',
      { 'velo.job': jobLabel, 'messaging.operation.type': 'send', 'messaging.destination.name': sink.name, 'messaging.batch.message_count': batch.rows.length },
      trace,
    );
    try {
      await sink.write(batch);
      span.end();
      return;
    } catch (error) {
      span.recordError(error);
      span.end();
      const retryable = attempt < attempts && (!isVeloError(error) || error.retryable || plan.failureStrategy === 'retry');
      if (!retryable) {
        throw isVeloError(error)
          ? error
          : new VeloError(ErrorCodes.SINK_WRITE, `sink '${sink.name}' of job '${plan.name}' failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, plan.retryBackoffMs * 2 ** (attempt - 1)));
    }
  }
}
