import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { noopTelemetry, type Span, type SpanAttributeValue, type TraceContext } from '@velots/core';
import { formatTraceparent, parseTraceparent } from './trace-context.js';

export interface TracingOptions {
  /** Where spans go; default: OTLP over HTTP, configured by the standard `OTEL_EXPORTER_OTLP_*` variables. */
  readonly exporter?: SpanExporter | undefined;
  /** Export each span when it ends (tests) instead of in batches (default false). */
  readonly exportEachSpan?: boolean | undefined;
  /** The tracer name in exported spans (default `velots`). */
  readonly tracerName?: string | undefined;
}

/** Whether the `OTEL_*` variables ask for traces: an OTLP exporter or endpoint named, and the SDK not disabled. */
export function tracingRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env['OTEL_SDK_DISABLED']?.toLowerCase() === 'true') return false;
  if (env['OTEL_TRACES_EXPORTER'] !== undefined) return env['OTEL_TRACES_EXPORTER'].split(',').some((e) => e.trim() === 'otlp');
  return env['OTEL_EXPORTER_OTLP_ENDPOINT'] !== undefined || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] !== undefined;
}

/** The span kind the messaging conventions give an operation: `send` is a producer, `process`/`receive` a consumer. */
function kindOf(attributes: Readonly<Record<string, SpanAttributeValue>> | undefined): SpanKind {
  const operation = attributes?.['messaging.operation.type'];
  if (operation === 'send' || operation === 'publish') return SpanKind.PRODUCER;
  if (operation === 'process' || operation === 'receive') return SpanKind.CONSUMER;
  return SpanKind.INTERNAL;
}

/** The OpenTelemetry context of a remote parent given as a W3C trace context. */
function parentContext(parent: TraceContext | undefined): Context {
  const parsed = parent ? parseTraceparent(parent.traceparent) : undefined;
  if (!parsed) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: parsed.traceId, spanId: parsed.spanId, traceFlags: parsed.flags, isRemote: true });
}

/**
 * OpenTelemetry traces for the runtime: `startSpan` opens a span (a child of a record's `traceparent` when
 * given), and the span's `context()` is what to inject into produced records. Sampling follows
 * `OTEL_TRACES_SAMPLER`/`OTEL_TRACES_SAMPLER_ARG` (parent-based, always on by default).
 */
export class Tracing {
  private readonly provider: NodeTracerProvider;
  private readonly tracer: Tracer;

  constructor(options: TracingOptions = {}) {
    const exporter = options.exporter ?? new OTLPTraceExporter();
    const processor: SpanProcessor = options.exportEachSpan ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter);
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES name the service, as every OpenTelemetry SDK reads them.
    const resource = defaultResource().merge(detectResources({ detectors: [envDetector] }));
    this.provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
    this.tracer = this.provider.getTracer(options.tracerName ?? 'velots');
  }

  startSpan(name: string, attributes?: Readonly<Record<string, SpanAttributeValue>>, parent?: TraceContext): Span {
    const span = this.tracer.startSpan(name, { kind: kindOf(attributes), attributes: { 'messaging.system': 'velots', ...attributes } }, parentContext(parent));
    return {
      setAttribute: (key, value) => void span.setAttribute(key, value),
      recordError: (error) => {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      },
      context: () => {
        const context = span.spanContext();
        return { traceparent: formatTraceparent({ traceId: context.traceId, spanId: context.spanId, flags: context.traceFlags }) };
      },
      end: () => span.end(),
    };
  }

  /** Exports the spans still buffered. */
  flush(): Promise<void> {
    return this.provider.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

/** Spans that record nothing, where tracing is off. */
export const noSpans: Pick<Tracing, 'startSpan'> = { startSpan: (name, attributes, parent) => noopTelemetry.startSpan(name, attributes, parent) };
