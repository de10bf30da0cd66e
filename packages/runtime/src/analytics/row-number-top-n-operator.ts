import type { Clock, RecordBatch, RecordHeaders, Row, StateValue } from '@velots/core';
import type { PhysicalAnalytic } from '@velots/planner';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { groupKeyFunction, type GroupKeyOf } from '../windows/group-key.js';
import { AnalyticFeatureCompiler } from './analytic-features.js';
import { WindowOrder } from './window-order.js';

/** Record metadata of a kept row whose batch carried any (Kafka time, key, headers, partition, offset). */
interface RecordMetadata {
  readonly timestamp: number;
  readonly key: string | Uint8Array | null;
  readonly headers: RecordHeaders | undefined;
  readonly partition: number;
  readonly offset: number;
  readonly topic: string | undefined;
}

/** One row a partition keeps: its input row, what ORDER BY reads, its arrival number. */
interface RankedRow {
  readonly features: Row;
  readonly row: Row;
  readonly eventTime: number;
  readonly seq: number;
  readonly metadata: RecordMetadata | undefined;
}

/**
 * `ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)` whose only reader keeps the rows numbered ≤ n (the planner's
 * `rowNumberLimit`, from `WHERE rn = 1` or `rn <= n` over a derived table): a Top-N per partition. Each partition
 * keeps its first n rows in ORDER BY order (peers in arrival order, as ROW_NUMBER numbers them), so its state is at
 * most n rows whatever the input; a row that sorts after the n-th, or with it, is dropped at once.
 *
 * The rows that come out, their numbers and their order are the AnalyticOperator's minus the rows numbered above n:
 * over a bounded input every kept row comes out at the end, numbered by its final place, in arrival order; over an
 * unbounded one a row comes out when it arrives, numbered by its place among the rows seen so far (a row dropped
 * earlier sorted after n others, so it never changes a later row's number up to n).
 */
export class RowNumberTopNOperator implements Operator {
  readonly name = 'RowNumberTopN';
  readonly finished = false;
  private readonly features: AnalyticFeatureCompiler;
  private readonly order: WindowOrder;
  private readonly partitionKey: GroupKeyOf;
  private readonly limit: number;
  private readonly partitions = new Map<unknown, RankedRow[]>();
  private seq = 0;
  /** Rows held over all partitions (read per batch by the job's profile). */
  private held = 0;

  constructor(
    private readonly node: PhysicalAnalytic,
    clock: Clock,
    private readonly bounded: boolean,
  ) {
    this.features = new AnalyticFeatureCompiler(node.windows, clock);
    const layout = this.features.layouts[0]!;
    this.order = new WindowOrder(node.windows[0]!.orderBy, layout.orderStart);
    this.partitionKey = groupKeyFunction(Array.from({ length: layout.partitionCount }, (_, k) => layout.partitionStart + k));
    this.limit = node.rowNumberLimit ?? Infinity;
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    const { rows: featureRows, sourceIndex } = this.features.evaluate(batch, failures);
    const out: RankedRow[] = [];
    const numbers: number[] = [];
    const hasMetadata = batch.timestamps !== undefined || batch.keys !== undefined || batch.headers !== undefined || batch.partitions !== undefined || batch.offsets !== undefined;
    for (let r = 0; r < featureRows.length; r++) {
      const features = featureRows[r]!;
      const key = this.partitionKey(features);
      let kept = this.partitions.get(key);
      if (kept === undefined) {
        kept = [];
        this.partitions.set(key, kept);
      }
      const place = this.placeOf(kept, features);
      if (place < 0) continue;
      const i = sourceIndex[r]!;
      const ranked: RankedRow = { features, row: batch.rows[i]!, eventTime: batch.eventTimes[i]!, seq: this.seq++, metadata: hasMetadata ? metadataOf(batch, i) : undefined };
      if (place === kept.length) kept.push(ranked);
      else kept.splice(place, 0, ranked);
      if (kept.length > this.limit) kept.pop();
      else this.held++;
      if (!this.bounded) {
        out.push(ranked);
        numbers.push(place + 1);
      }
    }
    return this.batchOf(out, numbers);
  }

  /** End of a bounded input: every kept row, numbered by its place in its partition, in arrival order. */
  finish(): RecordBatch | undefined {
    if (!this.bounded) return undefined;
    // Arrival numbers are dense over the rows ever kept: placing each row at its own restores arrival order without a sort.
    const bySeq = new Array<RankedRow | undefined>(this.seq);
    const numberBySeq = new Int32Array(this.seq);
    for (const kept of this.partitions.values()) {
      for (let p = 0; p < kept.length; p++) {
        bySeq[kept[p]!.seq] = kept[p]!;
        numberBySeq[kept[p]!.seq] = p + 1;
      }
    }
    this.partitions.clear();
    this.held = 0;
    const out: RankedRow[] = [];
    const numbers: number[] = [];
    for (let seq = 0; seq < bySeq.length; seq++) {
      const ranked = bySeq[seq];
      if (ranked === undefined) continue;
      out.push(ranked);
      numbers.push(numberBySeq[seq]!);
    }
    const batch = this.batchOf(out, numbers);
    return batch.rows.length === 0 ? undefined : batch;
  }

  stateEntries(): number {
    return this.held;
  }

  /** `{ seq, partitions }`: the arrival counter; per partition (in map order) its kept rows in ORDER BY order. */
  snapshot(): StateValue {
    const partitions: StateValue[] = [];
    for (const kept of this.partitions.values()) {
      partitions.push({
        features: kept.map((r) => r.features.slice()),
        rows: kept.map((r) => r.row.slice()),
        eventTimes: Float64Array.from(kept, (r) => r.eventTime),
        seqs: Float64Array.from(kept, (r) => r.seq),
        metadata: kept.map((r) => (r.metadata === undefined ? null : { ...r.metadata, headers: r.metadata.headers ?? null, topic: r.metadata.topic ?? null })),
      });
    }
    return { seq: this.seq, partitions };
  }

  restore(state: StateValue): void {
    type SavedMetadata = Omit<RecordMetadata, 'headers' | 'topic'> & { headers: RecordHeaders | null; topic: string | null };
    type SavedPartition = { features: Row[]; rows: Row[]; eventTimes: Float64Array; seqs: Float64Array; metadata: (SavedMetadata | null)[] };
    const saved = state as { seq: number; partitions: readonly SavedPartition[] };
    this.partitions.clear();
    this.held = 0;
    for (const partition of saved.partitions) {
      const kept = partition.rows.map((row, i): RankedRow => {
        const metadata = partition.metadata[i];
        return {
          features: partition.features[i]!,
          row,
          eventTime: partition.eventTimes[i]!,
          seq: partition.seqs[i]!,
          metadata: metadata ? { ...metadata, headers: metadata.headers ?? undefined, topic: metadata.topic ?? undefined } : undefined,
        };
      });
      if (kept.length > 0) this.partitions.set(this.partitionKey(kept[0]!.features), kept);
      this.held += kept.length;
    }
    this.seq = saved.seq;
  }

  /** Where a new row goes among the kept ones (after its peers), or −1 when its number would exceed the limit. */
  private placeOf(kept: readonly RankedRow[], features: Row): number {
    const n = kept.length;
    if (n === 0) return 0;
    if (this.order.compare(kept[n - 1]!.features, features) <= 0) return n < this.limit ? n : -1;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order.compare(kept[mid]!.features, features) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private batchOf(out: readonly RankedRow[], numbers: readonly number[]): RecordBatch {
    const rows = new Array<Row>(out.length);
    const eventTimes = new Array<number>(out.length);
    let anyMetadata = false;
    for (let r = 0; r < out.length; r++) {
      const ranked = out[r]!;
      const row = ranked.row.slice();
      row.push(numbers[r]!);
      rows[r] = row;
      eventTimes[r] = ranked.eventTime;
      if (ranked.metadata !== undefined) anyMetadata = true;
    }
    const schema = this.node.schema;
    if (!anyMetadata) return { schema, rows, eventTimes };
    return {
      schema,
      rows,
      eventTimes,
      timestamps: out.map((r) => r.metadata?.timestamp ?? r.eventTime),
      keys: out.map((r) => r.metadata?.key ?? null),
      headers: out.map((r) => r.metadata?.headers),
      partitions: out.map((r) => r.metadata?.partition ?? 0),
      offsets: out.map((r) => r.metadata?.offset ?? 0),
      topic: out.find((r) => r.metadata?.topic !== undefined)?.metadata?.topic,
    };
  }
}

function metadataOf(batch: RecordBatch, index: number): RecordMetadata {
  return {
    timestamp: batch.timestamps?.[index] ?? batch.eventTimes[index]!,
    key: batch.keys?.[index] ?? null,
    headers: batch.headers?.[index],
    partition: batch.partitions?.[index] ?? 0,
    offset: batch.offsets?.[index] ?? index,
    topic: batch.topic,
  };
}
