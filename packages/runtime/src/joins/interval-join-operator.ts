import { createBatch, type Clock, type RecordBatch, type Row, type SqlValue, type StateValue } from '@velots/core';
import type { EvalContext, PhysicalIntervalJoin } from '@velots/planner';
import { compileSelection, newEvalContext, newSelectionOutput, type CompiledSelection } from '../compile/filter-project-compiler.js';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { groupKeyOf } from '../windows/group-state.js';
import { joinKeysOf } from './join-keys.js';
import { WatermarkTracker } from '../windows/watermark-tracker.js';
import { MinHeap } from '../time/min-heap.js';
import type { JoinSide, SidedBatch } from './sided-source.js';

/** A row waiting for partners on one side. */
interface Waiting {
  readonly row: Row;
  readonly time: number;
  /** Event time after which no partner can arrive any more. */
  readonly expires: number;
  readonly side: JoinSide;
  readonly key: string;
  matched: boolean;
  /** The watermark passed its bound: it no longer waits (still in its bucket until the bucket is compacted). */
  gone: boolean;
}


/**
 * Stream–stream interval join (dialect §6). Both streams arrive on one input, each batch tagged with its
 * side. A row probes the other side's waiting rows with the same keys whose event time is within the
 * bounds, the rest of ON is checked per pair, matches are emitted at once (with the later event time),
 * and the row then waits for partners of its own. When the watermark passes a row's bound it stops
 * waiting; an unmatched outer row is then emitted NULL-padded, as are all still waiting at the end.
 */
export class IntervalJoinOperator implements Operator {
  readonly name = 'IntervalJoin';
  readonly finished = false;
  private readonly keys: Record<JoinSide, CompiledSelection | undefined>;
  private readonly residual: CompiledSelection | undefined;
  private readonly waiting: Record<JoinSide, Map<string, Waiting[]>> = { left: new Map(), right: new Map() };
  /** One watermark per side: rows stop waiting only once both streams have moved past their bound. */
  private readonly watermark: WatermarkTracker;
  private readonly leftWidth: number;
  /** Waiting rows of both sides, earliest bound first. */
  private readonly expiring = new MinHeap<Waiting>((a, b) => a.expires < b.expires || (a.expires === b.expires && a.time < b.time));
  /** Rows of a bucket that stopped waiting but are still in it. */
  private readonly goneCounts = new Map<Waiting[], number>();
  private nullKeys = 0;
  private readonly keyCount: number;
  private readonly outer: Record<JoinSide, boolean>;
  /** Times come from the time columns ON bounds (the last value of each key row), not from record event times. */
  private readonly timeColumns: boolean;
  private readonly context: EvalContext = newEvalContext();

  constructor(
    private readonly node: PhysicalIntervalJoin,
    private readonly clock: Clock,
  ) {
    // One pass per side computes its join keys and, when ON bounds time columns, the row's time after them.
    const compileKeys = (exprs: PhysicalIntervalJoin['leftKeys'], time: PhysicalIntervalJoin['leftTime']): CompiledSelection | undefined => {
      const columns = exprs.map((expr, i) => ({ name: `k${i}`, expr }));
      if (time) columns.push({ name: '_time', expr: time });
      return columns.length === 0 ? undefined : compileSelection({ predicate: undefined, columns, eventTime: undefined }).run;
    };
    this.keys = { left: compileKeys(node.leftKeys, node.leftTime), right: compileKeys(node.rightKeys, node.rightTime) };
    this.keyCount = node.leftKeys.length;
    this.timeColumns = node.leftTime !== undefined && node.rightTime !== undefined;
    this.residual = node.residual ? compileSelection({ predicate: node.residual, columns: undefined, eventTime: undefined }).run : undefined;
    // Inputs 0 and 1 are the left and right streams (the members of the job's merged input).
    this.watermark = new WatermarkTracker(node.watermark.maxOutOfOrdernessMs, 2, node.watermark.idleTimeoutMs ?? 0);
    this.leftWidth = node.schema.length - node.streamSchema.length;
    const type = node.joinType;
    this.outer = { left: type === 'LEFT' || type === 'FULL', right: type === 'RIGHT' || type === 'FULL' };
  }

  process(input: RecordBatch, failures: RecordFailure[]): RecordBatch {
    const batch = input as SidedBatch;
    const side: JoinSide = batch.side ?? 'left';
    const other: JoinSide = side === 'left' ? 'right' : 'left';
    const now = this.clock.now();
    this.context.now = now;
    const partitions = batch.partitions;
    this.watermark.select(side === 'left' ? 0 : 1);
    const keyed = joinKeysOf(this.keys[side], batch, this.context, failures);
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    const candidates: Row[] = [];
    const candidateTimes: number[] = [];
    const pairs: [Waiting, Waiting][] = [];
    // Matching, waiting and expiry are decided record by record, exactly as if each record were its own batch.
    for (let j = 0; j < keyed.indexes.length; j++) {
      const i = keyed.indexes[j]!;
      const keyRow = keyed.keys?.[j];
      const time = this.timeColumns ? timeValue(keyRow![this.keyCount]) : batch.eventTimes[i]!;
      if (Number.isNaN(time)) {
        // A NULL time matches nothing: an outer row comes out NULL-padded at once.
        if (this.outer[side]) this.emitUnmatched(side, batch.rows[i]!, batch.eventTimes[i]!, rows, eventTimes);
        continue;
      }
      const keyValues = keyRow === undefined || this.keyCount === 0 ? undefined : (keyRow.length === this.keyCount ? keyRow : keyRow.slice(0, this.keyCount));
      const key = keyValues === undefined ? '' : keyValues.some((k) => k === null) ? undefined : groupKeyOf(keyValues as SqlValue[]);
      const own: Waiting = { row: batch.rows[i]!, time, expires: this.expiry(side, time), matched: false, side, key: key ?? `\u0000null${this.nullKeys++}`, gone: false };
      if (key !== undefined) {
        for (const partner of this.waiting[other].get(key) ?? []) {
          if (partner.gone) continue;
          const [l, r] = side === 'left' ? [own, partner] : [partner, own];
          const delta = r.time - l.time;
          if (delta < this.node.lowerMs || delta > this.node.upperMs) continue;
          candidates.push([...l.row, ...r.row]);
          candidateTimes.push(Math.max(l.time, r.time));
          pairs.push([l, r]);
        }
        if (candidates.length > 0) this.emitMatches(candidates, candidateTimes, pairs, batch, i, rows, eventTimes, failures);
      }
      this.wait(own);
      this.watermark.observe(time, now, partitions === undefined ? 0 : partitions[i]);
      const watermark = this.watermark.watermark;
      const next = this.expiring.peek();
      if (next !== undefined && next.expires < watermark) this.expire(watermark, rows, eventTimes);
    }
    return { schema: this.node.schema, rows, eventTimes };
  }

  readFrom(input: number, caughtUp: boolean, now: number, caughtUpPartitions?: readonly number[], partitions?: readonly number[]): void {
    this.watermark.select(input);
    this.watermark.markCaughtUp(caughtUp, now, caughtUpPartitions, partitions);
  }

  endInput(input: number): void {
    this.watermark.endInput(input);
  }

  /** Processing time passed: idle inputs may let rows expire (unmatched outer rows come out). */
  onIdle(): RecordBatch | undefined {
    this.watermark.advanceIdle(this.clock.now());
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    this.expire(this.watermark.watermark, rows, eventTimes);
    return rows.length > 0 ? createBatch(this.node.schema, rows, eventTimes) : undefined;
  }

  finish(): RecordBatch | undefined {
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    this.expire(Infinity, rows, eventTimes);
    return rows.length > 0 ? createBatch(this.node.schema, rows, eventTimes) : undefined;
  }

  /**
   * `{ watermark, nullKeys, left, right, expiring }`: the watermark of both sides; per side its buckets in key order,
   * each `[key, rows, times, expiries, flags]` with its rows in bucket order (flags: 1 matched, 2 gone — a gone row
   * stays in its bucket until the bucket is compacted); the rows waiting to expire in heap order, as positions in
   * left-then-right bucket order.
   */
  snapshot(): StateValue {
    const position = new Map<Waiting, number>();
    const sides = (['left', 'right'] as const).map((side) => {
      const buckets: StateValue[] = [];
      for (const [key, bucket] of this.waiting[side]) {
        for (const entry of bucket) position.set(entry, position.size);
        buckets.push([
          key,
          bucket.map((e) => e.row.slice()),
          Float64Array.from(bucket, (e) => e.time),
          Float64Array.from(bucket, (e) => e.expires),
          Uint8Array.from(bucket, (e) => (e.matched ? 1 : 0) | (e.gone ? 2 : 0)),
        ]);
      }
      return buckets;
    });
    const expiring = Int32Array.from(this.expiring.itemsInHeapOrder(), (entry) => position.get(entry)!);
    return { watermark: this.watermark.snapshot(), nullKeys: this.nullKeys, left: sides[0]!, right: sides[1]!, expiring };
  }

  restore(state: StateValue): void {
    type SavedBucket = readonly [string, readonly Row[], Float64Array, Float64Array, Uint8Array];
    const saved = state as { watermark: StateValue; nullKeys: number; left: readonly SavedBucket[]; right: readonly SavedBucket[]; expiring: Int32Array };
    this.watermark.restore(saved.watermark);
    this.nullKeys = saved.nullKeys;
    const entries: Waiting[] = [];
    this.goneCounts.clear();
    for (const side of ['left', 'right'] as const) {
      const buckets = this.waiting[side];
      buckets.clear();
      for (const [key, rows, times, expiries, flags] of saved[side]) {
        const bucket = rows.map((row, i): Waiting => ({ row, time: times[i]!, expires: expiries[i]!, side, key, matched: (flags[i]! & 1) !== 0, gone: (flags[i]! & 2) !== 0 }));
        buckets.set(key, bucket);
        const gone = bucket.reduce((n, e) => n + (e.gone ? 1 : 0), 0);
        if (gone > 0) this.goneCounts.set(bucket, gone);
        for (const entry of bucket) entries.push(entry);
      }
    }
    this.expiring.restoreItems(Array.from(saved.expiring, (i) => entries[i]!));
  }

  /** Emits the candidate pairs of one record for which the rest of ON is TRUE, marking both rows matched; empties the lists. */
  private emitMatches(candidates: Row[], times: number[], pairs: [Waiting, Waiting][], batch: RecordBatch, index: number, rows: Row[], eventTimes: number[], failures: RecordFailure[]): void {
    const keep = this.keepMatching(candidates, times, batch, index, failures);
    for (const c of keep) {
      const [l, r] = pairs[c]!;
      l.matched = r.matched = true;
      rows.push(candidates[c]!);
      eventTimes.push(times[c]!);
    }
    candidates.length = 0;
    times.length = 0;
    pairs.length = 0;
  }

  private expiry(side: JoinSide, time: number): number {
    const { lowerMs, upperMs, retentionMs } = this.node;
    return side === 'left' ? time + (Number.isFinite(upperMs) ? upperMs : retentionMs) : time + (Number.isFinite(lowerMs) ? -lowerMs : retentionMs);
  }

  private wait(entry: Waiting): void {
    const bucket = this.waiting[entry.side].get(entry.key);
    if (bucket) bucket.push(entry);
    else this.waiting[entry.side].set(entry.key, [entry]);
    this.expiring.push(entry);
  }

  /** Indexes of the candidate pairs for which the rest of ON is TRUE (all of them without a residual). */
  private keepMatching(candidates: Row[], times: number[], batch: RecordBatch, index: number, failures: RecordFailure[]): readonly number[] {
    if (!this.residual) return candidates.map((_, c) => c);
    const out = newSelectionOutput();
    this.residual(createBatch(this.node.schema, candidates, times), this.context, out);
    for (const error of out.failedError) failures.push({ batch, index, error });
    return out.sourceIndex;
  }

  /**
   * Stops waiting for rows whose bound the watermark passed, earliest bound first, emitting unmatched outer rows
   * NULL-padded. A row leaves its key's bucket lazily: the bucket is compacted once most of it is gone.
   */
  private expire(watermark: number, rows: Row[], eventTimes: number[]): void {
    const outer = this.outer;
    for (let entry = this.expiring.peek(); entry !== undefined && entry.expires < watermark; entry = this.expiring.peek()) {
      this.expiring.pop();
      entry.gone = true;
      const buckets = this.waiting[entry.side];
      const bucket = buckets.get(entry.key);
      if (bucket) {
        const gone = (this.goneCounts.get(bucket) ?? 0) + 1;
        if (gone === bucket.length) {
          buckets.delete(entry.key);
          this.goneCounts.delete(bucket);
        } else if (gone * 2 > bucket.length) {
          const live = bucket.filter((e) => !e.gone);
          this.goneCounts.delete(bucket);
          buckets.set(entry.key, live);
        } else {
          this.goneCounts.set(bucket, gone);
        }
      }
      if (outer[entry.side] && !entry.matched) this.emitUnmatched(entry.side, entry.row, entry.time, rows, eventTimes);
    }
  }

  /** An outer row without a partner, NULL-padded on the other side. */
  private emitUnmatched(side: JoinSide, row: Row, time: number, rows: Row[], eventTimes: number[]): void {
    const nulls = new Array<SqlValue>(side === 'left' ? this.node.streamSchema.length : this.leftWidth).fill(null);
    rows.push(side === 'left' ? [...row, ...nulls] : [...nulls, ...row]);
    eventTimes.push(time);
  }
}

/** A time column's value as epoch ms; NaN for NULL. */
function timeValue(value: SqlValue | undefined): number {
  return value === null || value === undefined ? Number.NaN : Number(value);
}
