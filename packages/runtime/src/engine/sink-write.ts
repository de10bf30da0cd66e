import { ErrorCodes, VeloError, isVeloError, type RecordBatch, type Sink, type Telemetry, type TraceContext } from '@velots/core';
import type { JobPlan } from '@velots/planner';

/** The longest wait between two attempts, however many retries `max_retries` allows. */
export const MAX_RETRY_BACKOFF_MS = 30_000;

/** The wait before retry `retry` (1-based): `retry_backoff` doubling each time, capped at MAX_RETRY_BACKOFF_MS. */
export function retryBackoffMs(plan: Pick<JobPlan, 'retryBackoffMs'>, retry: number): number {
  return Math.min(MAX_RETRY_BACKOFF_MS, plan.retryBackoffMs * 2 ** (retry - 1));
}

/**
 * Writes a batch to a job's sink inside a `velo.sink.write` span: under `failure_strategy = retry` a failed write
 * is retried with exponential backoff up to `max_retries` times, and when they are spent the job stops with
 * SINK_WRITE naming the attempts; otherwise one attempt, and a non-VeloError failure becomes SINK_WRITE naming
 * the sink and the job.
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
      if (attempt < attempts) {
        await new Promise((resolve) => setTimeout(resolve, retryBackoffMs(plan, attempt)));
        continue;
      }
      if (attempts > 1) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new VeloError(ErrorCodes.SINK_WRITE, `sink '${sink.name}' of job '${plan.name}' failed after ${attempts} attempts (failure_strategy = retry, max_retries = ${plan.maxRetries}): ${reason}`, { cause: error });
      }
      throw isVeloError(error)
        ? error
        : new VeloError(ErrorCodes.SINK_WRITE, `sink '${sink.name}' of job '${plan.name}' failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}
