import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { Tracing, VeloTelemetry, parseTraceparent, tracingRequested } from '../src/index.js';

describe('Tracing', () => {
  it('records spans with messaging attributes and continues a trace from an incoming traceparent', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = new Tracing({ exporter, exportEachSpan: true });
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const span = tracing.startSpan('velo.batch.process', { 'messaging.operation.type': 'process', 'messaging.destination.name': 'trades' }, { traceparent: incoming });
    const outgoing = span.context();
    span.end();
    const write = tracing.startSpan('velo.sink.write', { 'messaging.operation.type': 'send' });
    write.recordError(new Error('broker down'));
    write.end();
    await tracing.flush();
    const [processSpan, writeSpan] = exporter.getFinishedSpans();
    expect(processSpan!.name).toBe('velo.batch.process');
    expect(processSpan!.kind).toBe(SpanKind.CONSUMER);
    expect(processSpan!.attributes).toMatchObject({ 'messaging.system': 'velots', 'messaging.operation.type': 'process', 'messaging.destination.name': 'trades' });
    expect(processSpan!.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(processSpan!.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    // The context to inject into produced records: same trace, this span as the parent.
    expect(parseTraceparent(outgoing!.traceparent)).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: processSpan!.spanContext().spanId, flags: 1 });
    expect(writeSpan!.kind).toBe(SpanKind.PRODUCER);
    expect(writeSpan!.status).toMatchObject({ code: 2, message: 'broker down' });
    await tracing.shutdown();
  });

  it('turns on from the standard OTEL_* variables only', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(new VeloTelemetry({ env: {}, processMetrics: false }).tracing).toBeUndefined();
  });
});
