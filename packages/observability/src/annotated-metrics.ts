import { ErrorCodes, VeloError, isDecimalValue, type Counter, type Gauge, type Histogram, type RecordBatch, type Row, type SqlValue, type Telemetry } from '@velots/core';

/** One `@metric` block (dialect §4) with its condition already compiled by the caller. */
export interface AnnotatedMetricSpec {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly help?: string | undefined;
  /** Output columns whose values label each sample. */
  readonly labels: readonly string[];
  /** The output column a gauge sets or a histogram observes. */
  readonly field?: string | undefined;
  readonly buckets?: readonly number[] | undefined;
  /** The rows of a batch the metric applies to (`@metric_condition`, compiled by the caller); every row when absent. */
  readonly condition?: ((batch: RecordBatch) => readonly Row[]) | undefined;
  /** Share of matching rows that count, 0..1 (`@metric_sample_rate`); sampled deterministically, every 1/rate-th row. */
  readonly sampleRate?: number | undefined;
}

type Recorder = (batch: RecordBatch) => void;

/** Label text of an output value: NULL is empty, decimals keep their scale. */
function labelText(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (isDecimalValue(value)) return String(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function numberOf(value: SqlValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (isDecimalValue(value)) return Number(String(value));
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

/**
 * Evaluates a job's `@metric` annotations on its output: each metric is turned once into a recorder over
 * fixed column indexes (its condition a compiled pass over the batch); `observe(batch)` is then a loop over
 * rows with no lookup by name. Sampling is deterministic: with rate r, one row in every 1/r counts.
 */
export class AnnotatedMetrics {
  private readonly recorders: Recorder[];

  constructor(specs: readonly AnnotatedMetricSpec[], columns: readonly string[], telemetry: Telemetry) {
    this.recorders = specs.map((spec) => recorderOf(spec, columns, telemetry));
  }

  observe(batch: RecordBatch): void {
    const recorders = this.recorders;
    for (let r = 0; r < recorders.length; r++) recorders[r]!(batch);
  }
}

function columnIndex(columns: readonly string[], name: string, metric: string): number {
  const index = columns.indexOf(name);
  if (index === -1) throw new VeloError(ErrorCodes.CONFIG, `@metric '${metric}' names '${name}', which is not an output column (columns: ${columns.join(', ')})`);
  return index;
}

function recorderOf(spec: AnnotatedMetricSpec, columns: readonly string[], telemetry: Telemetry): Recorder {
  const labelIndexes = spec.labels.map((label) => columnIndex(columns, label, spec.name));
  const labelsOf = (row: Row): Record<string, string> => {
    const labels: Record<string, string> = {};
    for (let i = 0; i < labelIndexes.length; i++) labels[spec.labels[i]!] = labelText(row[labelIndexes[i]!]);
    return labels;
  };
  const options = { help: spec.help ?? `@metric ${spec.name}`, labelNames: spec.labels };
  const fieldIndex = spec.field === undefined ? -1 : columnIndex(columns, spec.field, spec.name);
  if (spec.type !== 'counter' && fieldIndex === -1) throw new VeloError(ErrorCodes.CONFIG, `@metric '${spec.name}' is a ${spec.type} and needs @metric_field`);
  let write: (row: Row) => void;
  if (spec.type === 'counter') {
    const counter: Counter = telemetry.counter(spec.name, options);
    write = (row) => counter.inc(labelsOf(row), 1);
  } else if (spec.type === 'gauge') {
    const gauge: Gauge = telemetry.gauge(spec.name, options);
    write = (row) => {
      const value = numberOf(row[fieldIndex]);
      if (value !== undefined) gauge.set(value, labelsOf(row));
    };
  } else {
    const histogram: Histogram = telemetry.histogram(spec.name, { ...options, buckets: spec.buckets });
    write = (row) => {
      const value = numberOf(row[fieldIndex]);
      if (value !== undefined) histogram.observe(value, labelsOf(row));
    };
  }
  const condition = spec.condition;
  const rate = spec.sampleRate ?? 1;
  if (rate <= 0) return () => undefined;
  let credit = 0;
  return (batch) => {
    const rows = condition ? condition(batch) : batch.rows;
    for (let i = 0; i < rows.length; i++) {
      if (rate < 1) {
        credit += rate;
        if (credit < 1) continue;
        credit -= 1;
      }
      write(rows[i]!);
    }
  };
}
