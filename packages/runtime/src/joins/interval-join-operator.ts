import { createBatch, type Clock, type RecordBatch, type Row, type SqlValue, type StateValue } from '@velots/core';
import type { EvalContext, PhysicalIntervalJoin } from '@velots/planner';
import { compileSelection, newEvalContext, newSelectionOutput, type CompiledSelection } from '../compile/filter-project-compiler.js';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { firstPositions, joinKeyFunction, joinKeysOf, plainColumns } from './join-keys.js';
import { WatermarkTracker } from '../windows/watermark-tracker.js';
import { ExpiryQueue } from './expiry-queue.js';
import { WaitingRows, type Waiting } from './waiting-rows.js';
import type { JoinSide, SidedBatch } from './sided-source.js';

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
  private readonly waiting: Record<JoinSide, WaitingRows> = { left: new WaitingRows(), right: new WaitingRows() };
  /** One watermark per side: rows stop waiting only once both streams have moved past their bound. */
  private readonly watermark: WatermarkTracker;
  private readonly leftWidth: number;
  /** Waiting rows of both sides, earliest bound first (lane 0: left rows, lane 1: right rows). */
  private readonly expiring = new ExpiryQueue<Waiting>(2);
  /**
   * Per side, how a record's key and time are read: from the record itself when ON's keys and the time are plain
   * columns (`positions` then `time`), else from the key row the side's compiled pass computes (`[keys…, time]`).
   */
  private readonly readers: Record<JoinSide, { readonly plain: boolean; readonly keyOf: (row: Row) => unknown; readonly time: number }>;
  private readonly keyCount: number;
  private readonly outer: Record<JoinSide, boolean>;
  /** Times come from the time columns ON bounds (the last value of each key row), not from record event times. */
  private readonly timeColumns: boolean;
  private readonly context: EvalContext = newEvalContext();
  /** Reused by every residual check. */
  private readonly selection = newSelectionOutput();

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
    const reader = (exprs: PhysicalIntervalJoin['leftKeys'], time: PhysicalIntervalJoin['leftTime']) => {
      const plain = plainColumns(time === undefined ? exprs : [...exprs, time]);
      if (plain === undefined || (time === undefined && exprs.length === 0)) return { plain: false, keyOf: joinKeyFunction(firstPositions(exprs.length)), time: exprs.length };
      return { plain: true, keyOf: joinKeyFunction(plain.slice(0, exprs.length)), time: time === undefined ? -1 : plain[exprs.length]! };
    };
    this.readers = { left: reader(node.leftKeys, node.leftTime), right: reader(node.rightKeys, node.rightTime) };
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
    const reader = this.readers[side];
    const keyed = reader.plain ? undefined : joinKeysOf(this.keys[side], batch, this.context, failures);
    const count = keyed === undefined ? batch.rows.length : keyed.indexes.length;
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    const partners: Waiting[] = [];
    const otherBuckets = this.waiting[other].buckets;
    const ownIsLeft = side === 'left';
    const { lowerMs, upperMs } = this.node;
    const noKeys = this.keyCount === 0;
    // Matching, waiting and expiry are decided record by record, exactly as if each record were its own batch.
    for (let j = 0; j < count; j++) {
      const i = keyed === undefined ? j : keyed.indexes[j]!;
      // Where the key and time are: the record, or its key row.
      const source = keyed === undefined ? batch.rows[i]! : keyed.keys?.[j];
      const time = this.timeColumns ? timeValue(source![reader.time]) : batch.eventTimes[i]!;
      if (Number.isNaN(time)) {
        // A NULL time matches nothing: an outer row comes out NULL-padded at once.
        if (this.outer[side]) this.emitUnmatched(side, batch.rows[i]!, batch.eventTimes[i]!, rows, eventTimes);
        continue;
      }
      const key = noKeys ? '' : reader.keyOf(source!);
      const own: Waiting = { row: batch.rows[i]!, time, expires: this.expiry(side, time), matched: false, side, key, gone: false };
      const bucket = key === undefined ? undefined : otherBuckets.get(key);
      if (bucket !== undefined) {
        const { entries, times } = bucket;
        for (let p = bucket.head; p < times.length; p++) {
          const delta = ownIsLeft ? times[p]! - time : time - times[p]!;
          if (delta < lowerMs || delta > upperMs) continue;
          const partner = entries[p]!;
          if (!partner.gone) partners.push(partner);
        }
        if (partners.length > 0) this.emitMatches(own, partners, batch, i, rows, eventTimes, failures);
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
   * `{ watermark, left, right, expiring }`: the watermark of both sides; per side its buckets in key order, each
   * `[key, rows, times, expiries, flags]` with its rows in bucket order from its head (flags: 1 matched, 2 gone — a
   * gone row stays in its bucket until the bucket is compacted), then the waiting rows with a NULL key as a bucket
   * keyed `null`; the rows waiting to expire (`{ lanes, late }`: each side's run in order, the heap in heap order), as
   * positions in left-then-right bucket order.
   */
  snapshot(): StateValue {
    const position = new Map<Waiting, number>();
    const queued = this.expiring.itemsForSnapshot();
    const all = [...queued.lanes.flat(), ...queued.late];
    const sides = (['left', 'right'] as const).map((side) => {
      const buckets: StateValue[] = [];
      const save = (key: unknown, bucket: readonly Waiting[]): void => {
        for (const entry of bucket) position.set(entry, position.size);
        buckets.push([
          key as StateValue,
          bucket.map((e) => e.row.slice()),
          Float64Array.from(bucket, (e) => e.time),
          Float64Array.from(bucket, (e) => e.expires),
          Uint8Array.from(bucket, (e) => (e.matched ? 1 : 0) | (e.gone ? 2 : 0)),
        ]);
      };
      for (const [key, bucket] of this.waiting[side].buckets) save(key, bucket.entries.slice(bucket.head));
      const unkeyed = all.filter((e) => e.key === undefined && e.side === side);
      if (unkeyed.length > 0) save(null, unkeyed);
      return buckets;
    });
    const positions = (items: readonly Waiting[]): Int32Array => Int32Array.from(items, (entry) => position.get(entry)!);
    const expiring = { lanes: queued.lanes.map(positions), late: positions(queued.late) };
    return { watermark: this.watermark.snapshot(), left: sides[0]!, right: sides[1]!, expiring };
  }

  restore(state: StateValue): void {
    type SavedBucket = readonly [string | number | boolean | null, readonly Row[], Float64Array, Float64Array, Uint8Array];
    const saved = state as { watermark: StateValue; left: readonly SavedBucket[]; right: readonly SavedBucket[]; expiring: { lanes: readonly Int32Array[]; late: Int32Array } };
    this.watermark.restore(saved.watermark);
    const entries: Waiting[] = [];
    for (const side of ['left', 'right'] as const) {
      const waiting = this.waiting[side];
      waiting.buckets.clear();
      for (const [savedKey, rows, times, expiries, flags] of saved[side]) {
        const key = savedKey === null ? undefined : savedKey;
        const bucket = rows.map((row, i): Waiting => ({ row, time: times[i]!, expires: expiries[i]!, side, key, matched: (flags[i]! & 1) !== 0, gone: (flags[i]! & 2) !== 0 }));
        for (const entry of bucket) entries.push(entry);
        if (key !== undefined) waiting.restoreBucket(key, bucket);
      }
    }
    const items = (positions: Int32Array): Waiting[] => Array.from(positions, (i) => entries[i]!);
    this.expiring.restoreItems({ lanes: saved.expiring.lanes.map(items), late: items(saved.expiring.late) });
  }

  /**
   * Emits the pairs of `own` with `partners` (rows of the other side within the bounds) for which the rest of ON is
   * TRUE, marking both rows matched; empties `partners`.
   */
  private emitMatches(own: Waiting, partners: Waiting[], batch: RecordBatch, index: number, rows: Row[], eventTimes: number[], failures: RecordFailure[]): void {
    const ownIsLeft = own.side === 'left';
    const from = rows.length;
    for (let p = 0; p < partners.length; p++) {
      const partner = partners[p]!;
      rows.push(ownIsLeft ? own.row.concat(partner.row) : partner.row.concat(own.row));
      eventTimes.push(own.time > partner.time ? own.time : partner.time);
    }
    if (this.residual === undefined) {
      own.matched = true;
      for (let p = 0; p < partners.length; p++) partners[p]!.matched = true;
    } else {
      this.keepMatching(own, partners, batch, index, rows, eventTimes, from, failures);
    }
    partners.length = 0;
  }

  /** Keeps, of the pairs appended from `from` on, those for which the rest of ON is TRUE, and marks their rows matched. */
  private keepMatching(own: Waiting, partners: readonly Waiting[], batch: RecordBatch, index: number, rows: Row[], eventTimes: number[], from: number, failures: RecordFailure[]): void {
    const out = this.selection;
    out.rows.length = out.eventTimes.length = out.sourceIndex.length = out.failedIndex.length = out.failedError.length = 0;
    this.residual!(createBatch(this.node.schema, rows.slice(from), eventTimes.slice(from)), this.context, out);
    for (const error of out.failedError) failures.push({ batch, index, error });
    const kept = out.sourceIndex;
    for (let k = 0; k < kept.length; k++) {
      const c = kept[k]!;
      own.matched = partners[c]!.matched = true;
      rows[from + k] = rows[from + c]!;
      eventTimes[from + k] = eventTimes[from + c]!;
    }
    rows.length = eventTimes.length = from + kept.length;
  }

  private expiry(side: JoinSide, time: number): number {
    const { lowerMs, upperMs, retentionMs } = this.node;
    return side === 'left' ? time + (Number.isFinite(upperMs) ? upperMs : retentionMs) : time + (Number.isFinite(lowerMs) ? -lowerMs : retentionMs);
  }

  /** The row waits for partners in its key's bucket (a NULL key: in none) until the watermark passes its bound. */
  private wait(entry: Waiting): void {
    if (entry.key !== undefined) this.waiting[entry.side].add(entry);
    this.expiring.push(entry, entry.side === 'left' ? 0 : 1);
  }

  /**
   * Stops waiting for rows whose bound the watermark passed, earliest bound first, emitting unmatched outer rows
   * NULL-padded.
   */
  private expire(watermark: number, rows: Row[], eventTimes: number[]): void {
    const outer = this.outer;
    for (let entry = this.expiring.peek(); entry !== undefined && entry.expires < watermark; entry = this.expiring.peek()) {
      this.expiring.pop();
      if (entry.key === undefined) entry.gone = true;
      else this.waiting[entry.side].remove(entry);
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
