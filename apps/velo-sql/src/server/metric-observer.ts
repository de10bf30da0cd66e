import type { RecordBatch, Row, Telemetry } from '@velots/core';
import { AnnotatedMetrics, type AnnotatedMetricSpec } from '@velots/observability';
import { ExpressionBinder, Scope, defaultFunctionCatalog, type JobPlan } from '@velots/planner';
import { compileSelection, newEvalContext, type SelectionOutput, type StreamConsumer } from '@velots/runtime';
import type { Expression } from '@velots/sql-parser';
import { batchObserver } from './output-observers.js';

/** A `@metric_condition` compiled over the job's output schema into one generated pass per batch. */
function compileCondition(plan: JobPlan, condition: Expression): (batch: RecordBatch) => readonly Row[] {
  const binder = new ExpressionBinder(defaultFunctionCatalog, { file: undefined });
  const predicate = binder.bindPredicate(condition, Scope.ofSchema(plan.schema, []), '@metric_condition');
  const { run } = compileSelection({ predicate, columns: undefined, eventTime: undefined });
  const context = newEvalContext();
  const out: SelectionOutput = { rows: [], eventTimes: [], sourceIndex: [], failedIndex: [], failedError: [] };
  return (batch) => {
    out.rows = [];
    out.eventTimes.length = 0;
    out.sourceIndex.length = 0;
    out.failedIndex.length = 0;
    out.failedError.length = 0;
    context.now = Date.now();
    run(batch, context, out);
    return out.rows;
  };
}

/** The `@metric` annotations of a job as a reader of its output, or undefined when it has none. Throws CONFIG/SQL_BIND errors at deploy. */
export function metricObserverOf(plan: JobPlan, telemetry: Telemetry): StreamConsumer | undefined {
  const annotations = plan.annotations.metrics;
  if (annotations.length === 0) return undefined;
  const specs: AnnotatedMetricSpec[] = annotations.map((m) => ({
    name: m.name,
    type: m.type,
    help: m.help,
    labels: m.labels,
    field: m.field,
    buckets: m.buckets,
    sampleRate: m.sampleRate,
    condition: m.condition ? compileCondition(plan, m.condition) : undefined,
  }));
  const metrics = new AnnotatedMetrics(specs, plan.schema.names, telemetry);
  return batchObserver((batch) => metrics.observe(batch));
}
