import type { Counter, Gauge, Histogram, Telemetry } from '@velots/core';
import type { Operator } from '../operators/operator.js';
import type { BadRecordCounts } from './bad-record-handler.js';

/** Upper bounds of `velo_batch_duration_seconds`, seconds. */
const BATCH_SECONDS_BUCKETS = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

/**
 * The metrics one job reports (docs/observability.md), with their label sets made once: every call adds a
 * batch's count, never a record's.
 */
export class JobMetrics {
  readonly labels: { readonly job: string };
  readonly inLabels: { readonly job: string; readonly source: string };
  readonly outLabels: { readonly job: string; readonly sink: string };
  private readonly recordsInCounter: Counter;
  private readonly recordsOutCounter: Counter;
  private readonly lateCounter: Counter;
  private readonly errorsCounter: Counter;
  private readonly dlqCounter: Counter;
  private readonly batchSeconds: Histogram;
  private readonly watermarkLag: Gauge;
  private readonly stateEntries: Gauge;
  /** Bad records already counted, by code, and dead-lettered so far (the handler keeps totals). */
  private readonly reportedErrors: Record<string, number> = {};
  private reportedDeadLetters = 0;

  constructor(telemetry: Telemetry, job: string, source: string, sink: string) {
    this.labels = { job };
    this.inLabels = { job, source };
    this.outLabels = { job, sink };
    this.recordsInCounter = telemetry.counter('velo_records_in_total', { help: 'Records a job read from its input', labelNames: ['job', 'source'] });
    this.recordsOutCounter = telemetry.counter('velo_records_out_total', { help: 'Records a job emitted', labelNames: ['job', 'sink'] });
    this.lateCounter = telemetry.counter('velo_late_records_total', { help: 'Records later than the watermark allows', labelNames: ['job'] });
    this.errorsCounter = telemetry.counter('velo_errors_total', { help: 'Bad records a job met, by error code', labelNames: ['job', 'code'] });
    this.dlqCounter = telemetry.counter('velo_dlq_records_total', { help: 'Records a job sent to its dead-letter sink', labelNames: ['job'] });
    this.batchSeconds = telemetry.histogram('velo_batch_duration_seconds', { help: 'Time to push one input batch through the operators and sinks', labelNames: ['job'], buckets: BATCH_SECONDS_BUCKETS });
    this.watermarkLag = telemetry.gauge('velo_watermark_lag_seconds', { help: 'Processing time minus the latest event time read', labelNames: ['job', 'source'] });
    this.stateEntries = telemetry.gauge('velo_state_entries', { help: 'Keys an operator holds in its state', labelNames: ['job', 'operator'] });
  }

  recordsIn(count: number): void {
    this.recordsInCounter.inc(this.inLabels, count);
  }

  recordsOut(count: number): void {
    this.recordsOutCounter.inc(this.outLabels, count);
  }

  late(count: number): void {
    this.lateCounter.inc(this.labels, count);
  }

  batchDone(seconds: number): void {
    this.batchSeconds.observe(seconds, this.labels);
  }

  /** Adds what the bad-record handler counted since the last call to velo_errors_total and velo_dlq_records_total. */
  badRecords(counts: Readonly<BadRecordCounts>): void {
    for (const [code, count] of Object.entries(counts.byCode)) {
      const delta = count - (this.reportedErrors[code] ?? 0);
      if (delta > 0) this.errorsCounter.inc({ ...this.labels, code }, delta);
      this.reportedErrors[code] = count;
    }
    if (counts.deadLettered > this.reportedDeadLetters) this.dlqCounter.inc(this.labels, counts.deadLettered - this.reportedDeadLetters);
    this.reportedDeadLetters = counts.deadLettered;
  }

  /** Takes restored totals (after a restart from a checkpoint) as already reported: metrics count this process's work. */
  baselineBadRecords(counts: Readonly<BadRecordCounts>): void {
    for (const [code, count] of Object.entries(counts.byCode)) this.reportedErrors[code] = count;
    this.reportedDeadLetters = counts.deadLettered;
  }

  /** Event-time lag and state sizes, once per batch. */
  gauges(maxEventTime: number | undefined, now: number, operators: readonly Operator[]): void {
    if (maxEventTime !== undefined) this.watermarkLag.set(Math.max(0, now - maxEventTime) / 1000, this.inLabels);
    for (const operator of operators) {
      if (operator.stateEntries) this.stateEntries.set(operator.stateEntries(), { ...this.labels, operator: operator.name });
    }
  }
}
