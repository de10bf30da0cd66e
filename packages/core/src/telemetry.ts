/** Label values of a metric sample, by label name. */
export type MetricLabels = Readonly<Record<string, string | number>>;

export interface Counter {
  inc(labels?: MetricLabels, value?: number): void;
}

export interface Gauge {
  set(value: number, labels?: MetricLabels): void;
  inc(labels?: MetricLabels, value?: number): void;
  dec(labels?: MetricLabels, value?: number): void;
}

export interface Histogram {
  observe(value: number, labels?: MetricLabels): void;
}

export interface MetricOptions {
  readonly help: string;
  readonly labelNames?: readonly string[] | undefined;
}

export interface HistogramOptions extends MetricOptions {
  /** Upper bounds, strictly ascending. */
  readonly buckets?: readonly number[] | undefined;
}

export type SpanAttributeValue = string | number | boolean;

/** W3C trace context carried in record headers (`traceparent`). */
export interface TraceContext {
  readonly traceparent: string;
  readonly tracestate?: string | undefined;
}

export interface Span {
  setAttribute(key: string, value: SpanAttributeValue): void;
  recordError(error: unknown): void;
  /** The context to inject into outgoing records. */
  context(): TraceContext | undefined;
  end(): void;
}

/**
 * Metrics and traces, as the runtime needs them. `@velots/observability` implements it with
 * prom-client and OpenTelemetry; the runtime never imports those directly. Metric creation is
 * idempotent: asking twice for the same name returns the same instrument.
 */
export interface Telemetry {
  counter(name: string, options: MetricOptions): Counter;
  gauge(name: string, options: MetricOptions): Gauge;
  histogram(name: string, options: HistogramOptions): Histogram;
  startSpan(name: string, attributes?: Readonly<Record<string, SpanAttributeValue>>, parent?: TraceContext): Span;
}

const noopCounter: Counter = { inc: () => undefined };
const noopGauge: Gauge = { set: () => undefined, inc: () => undefined, dec: () => undefined };
const noopHistogram: Histogram = { observe: () => undefined };
const noopSpan: Span = {
  setAttribute: () => undefined,
  recordError: () => undefined,
  context: () => undefined,
  end: () => undefined,
};

/** Telemetry that records nothing: the default where no observability is wired in. */
export const noopTelemetry: Telemetry = Object.freeze({
  counter: () => noopCounter,
  gauge: () => noopGauge,
  histogram: () => noopHistogram,
  startSpan: () => noopSpan,
});
