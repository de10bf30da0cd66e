export { PrometheusMetrics, type PrometheusMetricsOptions } from './prometheus-metrics.js';
export { Tracing, tracingRequested, type TracingOptions } from './tracing.js';
export { VeloTelemetry, type VeloTelemetryOptions } from './velo-telemetry.js';
export { extractTraceContext, formatTraceparent, injectTraceContext, parseTraceparent, type TraceParent } from './trace-context.js';
export { AnnotatedMetrics, type AnnotatedMetricSpec } from './annotated-metrics.js';
export { telemetryWithSwitches, type ObservabilitySwitches } from './switched-telemetry.js';
