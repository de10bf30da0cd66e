import type { RecordBatch, RecordHeaders, Row, Schema, SqlValue } from '@velots/core';

/**
 * One input row on its way out: the values of every analytic call (filled as they become known) and
 * how many calls still wait for later rows. It leaves once `waiting` reaches 0.
 */
export interface PendingRow {
  /** Arrival number over the whole operator: the output order of rows released together. */
  readonly seq: number;
  readonly batch: RecordBatch;
  readonly index: number;
  /** One value per call, in plan order (`windows[0].calls…, windows[1].calls…`). */
  readonly values: SqlValue[];
  waiting: number;
  /** An expression or aggregate of this row failed (already reported): it is not emitted. */
  failed: boolean;
  /** EMIT ON BUFFER FULL arrived before its partition's buffer was full: it is not emitted. */
  suppressed: boolean;
}

/**
 * The output batch of released rows: input row + call values, event time and whatever record metadata
 * the input batches carried. `rows` must already be in output order.
 */
export function outputBatch(schema: Schema, released: readonly PendingRow[]): RecordBatch {
  const rows: Row[] = new Array<Row>(released.length);
  const eventTimes: number[] = new Array<number>(released.length);
  let hasMetadata = false;
  for (let r = 0; r < released.length; r++) {
    const pending = released[r]!;
    const input = pending.batch.rows[pending.index]!;
    const row = input.slice();
    for (const value of pending.values) row.push(value);
    rows[r] = row;
    eventTimes[r] = pending.batch.eventTimes[pending.index]!;
    const b = pending.batch;
    if (b.timestamps || b.keys || b.headers || b.partitions || b.offsets) hasMetadata = true;
  }
  if (!hasMetadata) return { schema, rows, eventTimes };
  return { schema, rows, eventTimes, ...gatherMetadata(released) };
}

/** Per-record metadata of released rows that may come from several input batches. */
function gatherMetadata(released: readonly PendingRow[]): Omit<RecordBatch, 'schema' | 'rows' | 'eventTimes'> {
  const timestamps: number[] = [];
  const keys: (string | Uint8Array | null)[] = [];
  const headers: (RecordHeaders | undefined)[] = [];
  const partitions: number[] = [];
  const offsets: number[] = [];
  let topic: string | undefined;
  for (const { batch, index } of released) {
    timestamps.push(batch.timestamps?.[index] ?? batch.eventTimes[index]!);
    keys.push(batch.keys?.[index] ?? null);
    headers.push(batch.headers?.[index]);
    partitions.push(batch.partitions?.[index] ?? 0);
    offsets.push(batch.offsets?.[index] ?? index);
    topic ??= batch.topic;
  }
  return { timestamps, keys, headers, partitions, offsets, topic };
}

/** Sorts released rows by arrival unless they already are (the common case: nothing was held). */
export function inArrivalOrder(released: PendingRow[]): PendingRow[] {
  for (let i = 1; i < released.length; i++) {
    if (released[i - 1]!.seq > released[i]!.seq) return released.sort((a, b) => a.seq - b.seq);
  }
  return released;
}

/** Sorts `released[from…]` by arrival in place unless it already is. */
export function inArrivalOrderFrom(released: PendingRow[], from: number): void {
  for (let i = from + 1; i < released.length; i++) {
    if (released[i - 1]!.seq > released[i]!.seq) {
      const tail = released.splice(from).sort((a, b) => a.seq - b.seq);
      for (const pending of tail) released.push(pending);
      return;
    }
  }
}
