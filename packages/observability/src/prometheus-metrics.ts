import { Counter as PromCounter, Gauge as PromGauge, Histogram as PromHistogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ErrorCodes, VeloError, type Counter, type Gauge, type Histogram, type HistogramOptions, type MetricLabels, type MetricOptions } from '@velots/core';

interface InstrumentKinds {
  counter: PromCounter<string>;
  gauge: PromGauge<string>;
  histogram: PromHistogram<string>;
}

interface Instrument {
  readonly kind: keyof InstrumentKinds;
  readonly metric: InstrumentKinds[keyof InstrumentKinds];
}

export interface PrometheusMetricsOptions {
  /** The registry to fill (default: a new one, so tests and servers never share the global one). */
  readonly registry?: Registry | undefined;
  /** Adds Node process metrics (CPU, memory, event-loop lag, GC) with prom-client's defaults (default true). */
  readonly processMetrics?: boolean | undefined;
}

/** Label values as prom-client takes them (numbers become text, undefined labels are left out). */
function labelsOf(labels: MetricLabels | undefined): Record<string, string | number> {
  return labels === undefined ? {} : (labels as Record<string, string | number>);
}

/**
 * The metric half of `Telemetry` over a prom-client registry: instruments are created once per name and
 * returned again when asked twice; asking for a name with another kind is a CONFIG error.
 */
export class PrometheusMetrics {
  readonly registry: Registry;
  private readonly instruments = new Map<string, Instrument>();

  constructor(options: PrometheusMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  counter(name: string, options: MetricOptions): Counter {
    const metric = this.instrument(name, 'counter', () => new PromCounter({ name, help: options.help, labelNames: [...(options.labelNames ?? [])], registers: [this.registry] }));
    return {
      inc: (labels, value = 1) => {
        metric.inc(labelsOf(labels), value);
      },
    };
  }

  gauge(name: string, options: MetricOptions): Gauge {
    const metric = this.instrument(name, 'gauge', () => new PromGauge({ name, help: options.help, labelNames: [...(options.labelNames ?? [])], registers: [this.registry] }));
    return {
      set: (value, labels) => metric.set(labelsOf(labels), value),
      inc: (labels, value = 1) => metric.inc(labelsOf(labels), value),
      dec: (labels, value = 1) => metric.dec(labelsOf(labels), value),
    };
  }

  histogram(name: string, options: HistogramOptions): Histogram {
    const metric = this.instrument(name, 'histogram', () =>
      new PromHistogram({
        name,
        help: options.help,
        labelNames: [...(options.labelNames ?? [])],
        ...(options.buckets ? { buckets: [...options.buckets] } : {}),
        registers: [this.registry],
      }),
    );
    return { observe: (value, labels) => metric.observe(labelsOf(labels), value) };
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private instrument<K extends keyof InstrumentKinds>(name: string, kind: K, make: () => InstrumentKinds[K]): InstrumentKinds[K] {
    const existing = this.instruments.get(name);
    if (existing) {
      if (existing.kind !== kind) throw new VeloError(ErrorCodes.CONFIG, `metric '${name}' is a ${existing.kind}, not a ${kind}`);
      return existing.metric as InstrumentKinds[K];
    }
    const metric = make();
    this.instruments.set(name, { kind, metric });
    return metric;
  }
}
