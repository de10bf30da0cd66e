import { batchSize, type RecordBatch, type Sink, type SourcePosition, type TraceContext } from '@velots/core';
import type { Operator, RecordFailure } from '../operators/operator.js';
import type { BadRecordCounts } from './bad-record-handler.js';
import { JobMetrics } from './job-metrics.js';
import { ProfileCounters, type JobProfile } from './job-profile.js';
import { continueTraces } from './trace-headers.js';
import { SinkDelivery } from './sink-delivery.js';
import type { JobStats, JobWiring } from './job-wiring.js';

/**
 * The batch half of a JobRunner: pushes a batch through the compiled operators, writes what comes out to the sink
 * and to in-process consumers, counts late records, and commits source positions. The run loop lives in JobRunner.
 */
export abstract class JobBatchPipeline {
  readonly stats: JobStats;
  protected operators: Operator[] = [];
  protected readonly metrics: JobMetrics;
  /** The member of the job's input the batch being pushed came from, and whether it was caught up after it. */
  protected currentInput = 0;
  protected currentCaughtUp = false;
  protected readonly counters = new ProfileCounters(() => this.operators);
  /** The trace context of the batch being processed: the parent of its sink-write spans, injected into traced output records. */
  protected batchTrace: TraceContext | undefined;
  /** The sink that commits the source position in transactional mode; undefined: the source commits. */
  protected committer: Required<Pick<Sink, 'commitWithPosition'>> | undefined;
  /** Writes to the job's sink, with what happens to rows it cannot take. */
  protected readonly delivery: SinkDelivery | undefined;

  constructor(protected readonly wiring: JobWiring) {
    this.stats = { name: wiring.plan.name, recordsIn: 0, recordsOut: 0, lateRecords: 0, batches: 0, state: 'planned' };
    const source = wiring.plan.inputs[0]?.name ?? wiring.source.name;
    this.metrics = new JobMetrics(wiring.telemetry, wiring.jobId ?? wiring.plan.name, source, wiring.sink?.name ?? wiring.plan.output ?? 'result');
    this.delivery = wiring.sink ? new SinkDelivery(wiring.sink, wiring.plan.schema, wiring.plan, wiring.telemetry, wiring.badRecords, this.metrics.labels.job) : undefined;
  }

  /** Counters of each operator and of waits, read while the job runs. */
  profile(): JobProfile {
    return this.counters.snapshot();
  }

  /** What the failure strategy did with bad records so far (by code, skipped, dead-lettered). */
  badRecordCounts(): Readonly<BadRecordCounts> {
    return this.wiring.badRecords.counts;
  }

  /** Flushes the sinks, then commits `position`: the source commits only what every sink acknowledged. */
  protected async commitAcknowledged(position: SourcePosition): Promise<void> {
    await this.delivery?.flush();
    if (this.wiring.lateSink) await this.wiring.lateSink.flush();
    await this.commit(position);
  }

  /** Commits `position`: through the transactional sink (its output and the offsets at once), else the source. */
  protected async commit(position: SourcePosition): Promise<void> {
    if (this.committer) await this.committer.commitWithPosition(position, this.wiring.source);
    else await this.wiring.source.commit(position);
  }

  /** The input has caught up: EMIT CHANGES operators emit what changed, through the rest of the chain. */
  protected async caughtUp(failures: RecordFailure[]): Promise<void> {
    for (let i = 0; i < this.operators.length; i++) {
      const changes = this.operators[i]!.emitChanges?.();
      if (!changes || changes.rows.length === 0) continue;
      this.counters.record(i, 0, changes.rows.length, 0);
      await this.push(changes, i + 1, failures);
    }
  }

  /** Lets each operator emit what processing-time progress closed, through the rest of the chain. */
  protected async idle(failures: RecordFailure[]): Promise<void> {
    for (let i = 0; i < this.operators.length; i++) {
      const closed = this.operators[i]!.onIdle?.();
      if (!closed || closed.rows.length === 0) continue;
      this.counters.record(i, 0, closed.rows.length, 0);
      await this.push(closed, i + 1, failures);
    }
  }

  /** Runs `batch` through the operators from `first` on, then writes what comes out. */
  protected async push(input: RecordBatch, first: number, failures: RecordFailure[]): Promise<void> {
    const { plan, downstream, badRecords } = this.wiring;
    let batch = input;
    for (let i = first; i < this.operators.length && batchSize(batch) > 0; i++) {
      const started = process.hrtime.bigint();
      const output = this.operators[i]!.process(batch, failures);
      this.counters.record(i, batchSize(batch), output.rows.length, Number(process.hrtime.bigint() - started));
      batch = output;
    }
    if (failures.length > 0) {
      badRecords.addOperatorFailures(failures, plan.inputs[0]?.name ?? plan.name);
      failures.length = 0;
    }
    try {
      await badRecords.flush();
    } finally {
      this.metrics.badRecords(this.wiring.badRecords.counts);
    }
    await this.handleLate();
    if (batch.rows.length === 0) return;
    this.stats.recordsOut += batch.rows.length;
    this.metrics.recordsOut(batch.rows.length);
    if (this.batchTrace && batch.headers) batch = continueTraces(batch, this.batchTrace);
    const waitStarted = process.hrtime.bigint();
    if (this.delivery) {
      await this.delivery.write(batch, this.batchTrace);
      if (this.delivery.failedCount > 0) this.metrics.badRecords(this.wiring.badRecords.counts);
    }
    for (const channel of downstream) await channel.push(batch, this.currentInput, this.currentCaughtUp);
    this.counters.backpressureNanos += Number(process.hrtime.bigint() - waitStarted);
  }

  /** Late records of the window operators: to the late-data sink when configured, else counted (and logged once). */
  protected async handleLate(): Promise<void> {
    for (const operator of this.operators) {
      const late = operator.drainLate?.();
      if (!late || late.rows.length === 0) continue;
      if (this.stats.lateRecords === 0 && !this.wiring.lateSink) {
        this.wiring.warn(`job '${this.wiring.plan.name}': records later than the watermark allows are counted in velo_late_records_total and dropped (set '<source>.late.sink' to keep them)`);
      }
      this.stats.lateRecords += late.rows.length;
      this.metrics.late(late.rows.length);
      if (this.wiring.lateSink) await this.wiring.lateSink.write(late);
    }
  }
}
