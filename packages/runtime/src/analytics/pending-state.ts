import type { Schema, RecordBatch, RecordHeaders, Row, SqlValue, StateValue } from '@velots/core';
import type { PendingRow } from './pending-output.js';

/** The rows an analytic operator still holds, as a checkpoint keeps them (columns; see `savePendingRows`). */
interface SavedPendingRows {
  readonly seq: Float64Array;
  readonly waiting: Int32Array;
  /** 1: failed, 2: suppressed. */
  readonly flags: Uint8Array;
  /** Per row still waiting: its input row, event time, call values and record metadata; null once released. */
  readonly rows: readonly (Row | null)[];
  readonly values: readonly (SqlValue[] | null)[];
  readonly eventTimes: Float64Array;
  readonly metadata: {
    readonly timestamps: Float64Array;
    readonly keys: readonly (string | Uint8Array | null)[];
    readonly headers: readonly (RecordHeaders | undefined)[];
    readonly partitions: Float64Array;
    readonly offsets: Float64Array;
    readonly topic: string | undefined;
  } | null;
}

/**
 * The pending rows a window's entries refer to, as columns. A row already released keeps only its arrival number
 * and flags (its entry stays in the buffer for the frames of later rows); a row still waiting keeps its input row,
 * event time, the call values known so far, and its record metadata (Kafka key, headers, partition, offset).
 */
export function savePendingRows(pending: readonly PendingRow[]): StateValue {
  const waitingRows = pending.filter((p) => p.waiting > 0);
  const hasMetadata = waitingRows.some(({ batch: b }) => b.timestamps || b.keys || b.headers || b.partitions || b.offsets);
  const saved: SavedPendingRows = {
    seq: Float64Array.from(pending, (p) => p.seq),
    waiting: Int32Array.from(pending, (p) => p.waiting),
    flags: Uint8Array.from(pending, (p) => (p.failed ? 1 : 0) | (p.suppressed ? 2 : 0)),
    rows: pending.map((p) => (p.waiting > 0 ? p.batch.rows[p.index]!.slice() : null)),
    values: pending.map((p) => (p.waiting > 0 ? p.values.slice() : null)),
    eventTimes: Float64Array.from(pending, (p) => (p.waiting > 0 ? p.batch.eventTimes[p.index]! : Number.NaN)),
    metadata: !hasMetadata
      ? null
      : {
          timestamps: Float64Array.from(pending, ({ batch: b, index: i }) => b.timestamps?.[i] ?? b.eventTimes[i] ?? 0),
          keys: pending.map(({ batch: b, index: i }) => b.keys?.[i] ?? null),
          headers: pending.map(({ batch: b, index: i }) => b.headers?.[i]),
          partitions: Float64Array.from(pending, ({ batch: b, index: i }) => b.partitions?.[i] ?? 0),
          offsets: Float64Array.from(pending, ({ batch: b, index: i }) => b.offsets?.[i] ?? i),
          topic: waitingRows.find((p) => p.batch.topic !== undefined)?.batch.topic,
        },
  };
  return saved as unknown as StateValue;
}

/** Pending rows back from `savePendingRows`, reading their input rows from one batch of `schema` (the operator's input). */
export function loadPendingRows(state: StateValue, schema: Schema, callCount: number): PendingRow[] {
  const saved = state as unknown as SavedPendingRows;
  const meta = saved.metadata;
  const batch: RecordBatch = {
    schema,
    rows: saved.rows.map((row) => row ?? []),
    eventTimes: Array.from(saved.eventTimes),
    ...(meta === null
      ? {}
      : {
          timestamps: Array.from(meta.timestamps),
          keys: meta.keys.slice(),
          headers: meta.headers.slice(),
          partitions: Array.from(meta.partitions),
          offsets: Array.from(meta.offsets),
          topic: meta.topic,
        }),
  };
  return Array.from(saved.seq, (seq, i) => ({
    seq,
    batch,
    index: i,
    values: saved.values[i] ?? new Array<SqlValue>(callCount).fill(null),
    waiting: saved.waiting[i]!,
    failed: (saved.flags[i]! & 1) !== 0,
    suppressed: (saved.flags[i]! & 2) !== 0,
  }));
}
