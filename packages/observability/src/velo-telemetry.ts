import type { Counter, Gauge, Histogram, HistogramOptions, MetricOptions, Span, SpanAttributeValue, Telemetry, TraceContext } from '@velots/core';
import { PrometheusMetrics, type PrometheusMetricsOptions } from './prometheus-metrics.js';
import { Tracing, noSpans, tracingRequested, type TracingOptions } from './tracing.js';

export interface VeloTelemetryOptions extends PrometheusMetricsOptions {
  /** Traces: a `Tracing`, `true` to build one from `OTEL_*`, false for none; default: on when `OTEL_*` asks for it. */
  readonly tracing?: Tracing | TracingOptions | boolean | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** `Telemetry` for a process: prom-client metrics (served at `/metrics`) and, when enabled, OpenTelemetry traces. */
export class VeloTelemetry implements Telemetry {
  readonly metrics: PrometheusMetrics;
  private tracer: Tracing | undefined;

  constructor(options: VeloTelemetryOptions = {}) {
    this.metrics = new PrometheusMetrics(options);
    const wanted = options.tracing ?? tracingRequested(options.env ?? process.env);
    this.tracer = wanted instanceof Tracing ? wanted : wanted === false ? undefined : new Tracing(wanted === true ? {} : wanted);
  }

  /** The tracer, when traces are on. */
  get tracing(): Tracing | undefined {
    return this.tracer;
  }

  /** The tracer, made now (OTLP from `OTEL_*`) if traces were off: for jobs annotated `@observability.tracing.enabled: true`. */
  ensureTracing(): Tracing {
    this.tracer ??= new Tracing();
    return this.tracer;
  }

  counter(name: string, options: MetricOptions): Counter {
    return this.metrics.counter(name, options);
  }

  gauge(name: string, options: MetricOptions): Gauge {
    return this.metrics.gauge(name, options);
  }

  histogram(name: string, options: HistogramOptions): Histogram {
    return this.metrics.histogram(name, options);
  }

  startSpan(name: string, attributes?: Readonly<Record<string, SpanAttributeValue>>, parent?: TraceContext): Span {
    return (this.tracer ?? noSpans).startSpan(name, attributes, parent);
  }

  /** The Prometheus text of every metric. */
  prometheusText(): Promise<string> {
    return this.metrics.text();
  }

  /** Exports buffered spans and stops the tracer. */
  async shutdown(): Promise<void> {
    await this.tracer?.shutdown();
  }
}
