import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Schema, SqlTypes, type RecordBatch, type RecordHeaders, type Sink, type Source } from '@velots/core';
import { Tracing, VeloTelemetry, extractTraceContext, parseTraceparent } from '@velots/observability';
import { createEngine } from '@velots/runtime';
import { describe, expect, it } from 'vitest';

const INCOMING = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const schema = Schema.of(['id', SqlTypes.BIGINT]);

/** One batch of three records; the first and third carry a traceparent header, as Kafka records would. */
function tracedSource(): Source {
  let done = false;
  return {
    name: 'orders',
    bounded: true,
    open: async () => schema,
    next: async () => {
      if (done) return undefined;
      done = true;
      const headers: (RecordHeaders | undefined)[] = [{ traceparent: Buffer.from(INCOMING), origin: 'shop' }, undefined, { traceparent: INCOMING }];
      return { batch: { schema, rows: [[1], [2], [3]], eventTimes: [0, 0, 0], headers }, position: { offset: 3 } };
    },
    commit: async () => undefined,
    close: async () => undefined,
  };
}

/** Keeps the headers of every record written. */
class HeaderSink implements Sink {
  readonly name = 'shipped';
  readonly headers: (RecordHeaders | undefined)[] = [];
  async open(): Promise<void> {}
  async write(batch: RecordBatch): Promise<void> {
    for (let i = 0; i < batch.rows.length; i++) this.headers.push(batch.headers?.[i]);
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

describe('trace context across a pipeline', () => {
  it('continues the trace of an input traceparent header and carries it to the output record headers', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = new VeloTelemetry({ processMetrics: false, tracing: new Tracing({ exporter, exportEachSpan: true }) });
    const sink = new HeaderSink();
    const engine = await createEngine({
      sql: 'CREATE STREAM shipped AS SELECT id FROM orders WHERE id <> 2',
      sources: { orders: tracedSource() },
      sinks: { shipped: sink },
      telemetry,
      warn: () => undefined,
    });
    expect((await engine.run()).ok).toBe(true);
    const batchSpan = exporter.getFinishedSpans().find((s) => s.name === 'velo.batch.process')!;
    expect(batchSpan.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(batchSpan.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    const expected = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: batchSpan.spanContext().spanId, flags: 1 };
    expect(sink.headers).toHaveLength(2);
    expect(parseTraceparent(extractTraceContext(sink.headers[0])!.traceparent)).toEqual(expected);
    expect(sink.headers[0]!['origin']).toBe('shop');
    expect(parseTraceparent(extractTraceContext(sink.headers[1])!.traceparent)).toEqual(expected);
    await telemetry.shutdown();
  });
});
