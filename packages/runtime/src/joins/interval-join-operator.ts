import { createBatch, type Clock, type RecordBatch, type Row, type SqlValue } from '@velots/core';
import type { EvalContext, PhysicalIntervalJoin } from '@velots/planner';
import { compileSelection, newEvalContext, newSelectionOutput, type CompiledSelection } from '../compile/filter-project-compiler.js';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { groupKeyOf } from '../windows/group-state.js';
import { joinKeysOf } from './join-keys.js';
import { WatermarkTracker } from '../windows/watermark-tracker.js';
import type { JoinSide, SidedBatch } from './sided-source.js';

/** A row waiting for partners on one side. */
interface Waiting {
  readonly row: Row;
  readonly time: number;
  /** Event time after which no partner can arrive any more. */
  readonly expires: number;
  matched: boolean;
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
  private readonly watermarks: Record<JoinSide, WatermarkTracker>;
  private readonly leftWidth: number;
  private readonly context: EvalContext = newEvalContext();

  constructor(
    private readonly node: PhysicalIntervalJoin,
    private readonly clock: Clock,
  ) {
    const compileKeys = (exprs: PhysicalIntervalJoin['leftKeys']): CompiledSelection | undefined =>
      exprs.length === 0 ? undefined : compileSelection({ predicate: undefined, columns: exprs.map((expr, i) => ({ name: `k${i}`, expr })), eventTime: undefined }).run;
    this.keys = { left: compileKeys(node.leftKeys), right: compileKeys(node.rightKeys) };
    this.residual = node.residual ? compileSelection({ predicate: node.residual, columns: undefined, eventTime: undefined }).run : undefined;
    this.watermarks = {
      left: new WatermarkTracker(node.watermark.maxOutOfOrdernessMs),
      right: new WatermarkTracker(node.watermark.maxOutOfOrdernessMs),
    };
    this.leftWidth = node.schema.length - node.streamSchema.length;
  }

  process(input: RecordBatch, failures: RecordFailure[]): RecordBatch {
    const batch = input as SidedBatch;
    const side: JoinSide = batch.side ?? 'left';
    const other: JoinSide = side === 'left' ? 'right' : 'left';
    this.context.now = this.clock.now();
    const keyed = joinKeysOf(this.keys[side], batch, this.context, failures);
    const candidates: Row[] = [];
    const candidateTimes: number[] = [];
    const pairs: [Waiting, Waiting][] = [];
    const candidateInput: number[] = [];
    let maxTime = -Infinity;
    for (let j = 0; j < keyed.indexes.length; j++) {
      const i = keyed.indexes[j]!;
      const time = batch.eventTimes[i]!;
      if (time > maxTime) maxTime = time;
      const own: Waiting = { row: batch.rows[i]!, time, expires: this.expiry(side, time), matched: false };
      const key = keyed.keys === undefined ? '' : keyed.keys[j]!.some((k) => k === null) ? undefined : groupKeyOf(keyed.keys[j] as SqlValue[]);
      if (key === undefined) {
        this.wait(side, `\u0000null${i}`, own);
        continue;
      }
      for (const partner of this.waiting[other].get(key) ?? []) {
        const [l, r] = side === 'left' ? [own, partner] : [partner, own];
        const delta = r.time - l.time;
        if (delta < this.node.lowerMs || delta > this.node.upperMs) continue;
        candidates.push([...l.row, ...r.row]);
        candidateTimes.push(Math.max(l.time, r.time));
        pairs.push([l, r]);
        candidateInput.push(i);
      }
      this.wait(side, key, own);
    }
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    for (const c of this.keepMatching(candidates, candidateTimes, candidateInput, batch, failures)) {
      const [l, r] = pairs[c]!;
      l.matched = r.matched = true;
      rows.push(candidates[c]!);
      eventTimes.push(candidateTimes[c]!);
    }
    if (maxTime > -Infinity) this.watermarks[side].observe(maxTime);
    this.expire(Math.min(this.watermarks.left.watermark, this.watermarks.right.watermark), rows, eventTimes);
    return { schema: this.node.schema, rows, eventTimes };
  }

  finish(): RecordBatch | undefined {
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    this.expire(Infinity, rows, eventTimes);
    return rows.length > 0 ? createBatch(this.node.schema, rows, eventTimes) : undefined;
  }

  private expiry(side: JoinSide, time: number): number {
    const { lowerMs, upperMs, retentionMs } = this.node;
    return side === 'left' ? time + (Number.isFinite(upperMs) ? upperMs : retentionMs) : time + (Number.isFinite(lowerMs) ? -lowerMs : retentionMs);
  }

  private wait(side: JoinSide, key: string, entry: Waiting): void {
    const bucket = this.waiting[side].get(key);
    if (bucket) bucket.push(entry);
    else this.waiting[side].set(key, [entry]);
  }

  /** Indexes of the candidate pairs for which the rest of ON is TRUE (all of them without a residual). */
  private keepMatching(candidates: Row[], times: number[], inputIndex: readonly number[], batch: RecordBatch, failures: RecordFailure[]): readonly number[] {
    if (!this.residual) return candidates.map((_, c) => c);
    if (candidates.length === 0) return [];
    const out = newSelectionOutput();
    this.residual(createBatch(this.node.schema, candidates, times), this.context, out);
    out.failedIndex.forEach((c, f) => failures.push({ batch, index: inputIndex[c]!, error: out.failedError[f] }));
    return out.sourceIndex;
  }

  /** Stops waiting for rows whose bound the watermark passed, emitting unmatched outer rows NULL-padded. */
  private expire(watermark: number, rows: Row[], eventTimes: number[]): void {
    const type = this.node.joinType;
    const outer: Record<JoinSide, boolean> = { left: type === 'LEFT' || type === 'FULL', right: type === 'RIGHT' || type === 'FULL' };
    const released: { entry: Waiting; side: JoinSide }[] = [];
    for (const side of ['left', 'right'] as const) {
      for (const [key, bucket] of this.waiting[side]) {
        const keep = bucket.filter((entry) => entry.expires >= watermark);
        if (keep.length !== bucket.length) {
          for (const entry of bucket) if (entry.expires < watermark && outer[side] && !entry.matched) released.push({ entry, side });
          if (keep.length === 0) this.waiting[side].delete(key);
          else this.waiting[side].set(key, keep);
        }
      }
    }
    released.sort((a, b) => a.entry.time - b.entry.time);
    for (const { entry, side } of released) {
      const nulls = new Array<SqlValue>(side === 'left' ? this.node.streamSchema.length : this.leftWidth).fill(null);
      rows.push(side === 'left' ? [...entry.row, ...nulls] : [...nulls, ...entry.row]);
      eventTimes.push(entry.time);
    }
  }
}
