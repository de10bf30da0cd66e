import type { RecordBatch, RecordHeaders, TraceContext } from '@velots/core';

function text(value: string | Uint8Array | undefined): string | undefined {
  return value === undefined ? undefined : typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
}

/** The trace context of the first record of a batch that carries a `traceparent` header (the batch span's parent). */
export function batchTraceParent(batch: RecordBatch): TraceContext | undefined {
  const headers = batch.headers;
  if (!headers) return undefined;
  for (let i = 0; i < headers.length; i++) {
    const traceparent = text(headers[i]?.['traceparent']);
    if (traceparent !== undefined) return { traceparent };
  }
  return undefined;
}

/**
 * The batch with `context` as the `traceparent` of every record that arrived with one, so a produced record
 * continues the trace of the record it came from (through this job's span). Other records are left alone.
 */
export function continueTraces(batch: RecordBatch, context: TraceContext): RecordBatch {
  const headers = batch.headers;
  if (!headers) return batch;
  let changed: (RecordHeaders | undefined)[] | undefined;
  for (let i = 0; i < headers.length; i++) {
    const record = headers[i];
    if (record?.['traceparent'] === undefined) continue;
    changed ??= [...headers];
    changed[i] = { ...record, traceparent: context.traceparent, ...(context.tracestate !== undefined ? { tracestate: context.tracestate } : {}) };
  }
  return changed ? { ...batch, headers: changed } : batch;
}
