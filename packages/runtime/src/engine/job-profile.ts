import type { RecordBatch } from '@velots/core';
import type { Operator } from '../operators/operator.js';

/** What one operator of a running job did so far. */
export interface OperatorProfile {
  readonly name: string;
  readonly rowsIn: number;
  readonly rowsOut: number;
  /** Time spent processing, nanoseconds. */
  readonly nanos: number;
  /** Keys the operator holds in state (0 for stateless operators). */
  readonly stateEntries: number;
  /** Its event-time watermark (epoch ms), when it keeps one. */
  readonly watermark: number | undefined;
}

/** What a job read from one source partition (Kafka partitions; a file or generator is partition 0). */
export interface PartitionProfile {
  readonly partition: number;
  readonly records: number;
  /** The latest event time read from it (epoch ms). */
  readonly maxEventTime: number | undefined;
}

/** A snapshot of a job's counters, for `GET /jobs/{id}/profile` and the system tables. */
export interface JobProfile {
  readonly operators: readonly OperatorProfile[];
  /** Time spent waiting for the source's next batch, nanoseconds. */
  readonly sourceWaitNanos: number;
  /** Time spent waiting for sinks and in-process readers to accept output (backpressure), nanoseconds. */
  readonly backpressureNanos: number;
  /** The latest event time read (epoch ms). */
  readonly maxEventTime: number | undefined;
  /** The job's watermark: the source's own when it reports one, else the minimum over its operators that keep one. */
  readonly watermark: number | undefined;
  /** Per source partition, in partition order. */
  readonly partitions: readonly PartitionProfile[];
}

/** Per-operator counters a JobRunner updates once per batch and operator (never per record). */
export class ProfileCounters {
  readonly rowsIn: number[];
  readonly rowsOut: number[];
  readonly nanos: number[];
  sourceWaitNanos = 0;
  backpressureNanos = 0;
  maxEventTime: number | undefined;
  /** The watermark the source reported with its last batch, when it tracks one. */
  sourceWatermark: number | undefined;
  private readonly partitions = new Map<number, { records: number; maxEventTime: number | undefined }>();

  constructor(private readonly operators: () => readonly Operator[]) {
    this.rowsIn = [];
    this.rowsOut = [];
    this.nanos = [];
  }

  /** Records one `process` call of operator `index`. */
  record(index: number, rowsIn: number, rowsOut: number, nanos: number): void {
    this.rowsIn[index] = (this.rowsIn[index] ?? 0) + rowsIn;
    this.rowsOut[index] = (this.rowsOut[index] ?? 0) + rowsOut;
    this.nanos[index] = (this.nanos[index] ?? 0) + nanos;
  }

  /** Notes the event times of a batch read from the source, per partition (a batch without partitions is partition 0). */
  observeBatch(batch: RecordBatch, sourceWatermark: number | undefined): void {
    if (sourceWatermark !== undefined) this.sourceWatermark = sourceWatermark;
    const { partitions } = batch;
    let max = this.maxEventTime ?? -Infinity;
    const shared = batch.columns?.eventTime;
    if (shared !== undefined && !partitions) {
      // A columnar batch whose records share one event time: no per-record array to scan.
      this.addRun(0, batch.columns!.length, shared);
      if (shared > max) this.maxEventTime = shared;
      return;
    }
    const { eventTimes } = batch;
    if (!partitions) {
      // Files and generators: one partition, one tight pass.
      let batchMax = -Infinity;
      for (let i = 0; i < eventTimes.length; i++) if (eventTimes[i]! > batchMax) batchMax = eventTimes[i]!;
      this.addRun(0, eventTimes.length, batchMax);
      if (batchMax > max) this.maxEventTime = batchMax;
      return;
    }
    // Runs of one partition share one map lookup.
    for (let i = 0; i < eventTimes.length; ) {
      const partition = partitions[i] ?? 0;
      let runMax = -Infinity;
      let j = i;
      for (; j < eventTimes.length && (partitions[j] ?? 0) === partition; j++) if (eventTimes[j]! > runMax) runMax = eventTimes[j]!;
      this.addRun(partition, j - i, runMax);
      if (runMax > max) max = runMax;
      i = j;
    }
    if (max > -Infinity) this.maxEventTime = max;
  }

  private addRun(partition: number, records: number, runMax: number): void {
    let entry = this.partitions.get(partition);
    if (!entry) this.partitions.set(partition, (entry = { records: 0, maxEventTime: undefined }));
    entry.records += records;
    if (runMax > (entry.maxEventTime ?? -Infinity)) entry.maxEventTime = runMax;
  }

  snapshot(): JobProfile {
    const operators = this.operators().map((operator, i): OperatorProfile => ({
      name: operator.name,
      rowsIn: this.rowsIn[i] ?? 0,
      rowsOut: this.rowsOut[i] ?? 0,
      nanos: this.nanos[i] ?? 0,
      stateEntries: operator.stateEntries?.() ?? 0,
      watermark: finiteOrUndefined(operator.currentWatermark?.()),
    }));
    const watermarks = operators.map((o) => o.watermark).filter((w): w is number => w !== undefined);
    return {
      operators,
      sourceWaitNanos: this.sourceWaitNanos,
      backpressureNanos: this.backpressureNanos,
      maxEventTime: this.maxEventTime,
      watermark: this.sourceWatermark ?? (watermarks.length > 0 ? Math.min(...watermarks) : undefined),
      partitions: [...this.partitions.entries()].sort((a, b) => a[0] - b[0]).map(([partition, p]) => ({ partition, records: p.records, maxEventTime: p.maxEventTime })),
    };
  }
}

function finiteOrUndefined(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
