import { noopTelemetry, type Telemetry } from '@velots/core';
import type { VeloTelemetry } from './velo-telemetry.js';

/** A statement's `@observability.metrics.enabled` / `@observability.tracing.enabled` annotations. */
export interface ObservabilitySwitches {
  readonly metricsEnabled?: boolean | undefined;
  readonly tracingEnabled?: boolean | undefined;
}

/**
 * The telemetry of one job as its annotations want it: metrics off (`metrics.enabled: false`), traces off, or
 * traces on even where the `OTEL_*` variables did not turn them on (`tracing.enabled: true`: OTLP, configured
 * by `OTEL_EXPORTER_OTLP_*`). Without switches the shared telemetry is returned as it is.
 */
export function telemetryWithSwitches(base: VeloTelemetry, switches: ObservabilitySwitches): Telemetry {
  if (switches.metricsEnabled === undefined && switches.tracingEnabled === undefined) return base;
  const metrics: Telemetry = switches.metricsEnabled === false ? noopTelemetry : base;
  const tracing = switches.tracingEnabled === false ? undefined : switches.tracingEnabled === true ? base.ensureTracing() : base.tracing;
  return {
    counter: (name, options) => metrics.counter(name, options),
    gauge: (name, options) => metrics.gauge(name, options),
    histogram: (name, options) => metrics.histogram(name, options),
    startSpan: (name, attributes, parent) => (tracing ?? noopTelemetry).startSpan(name, attributes, parent),
  };
}
