import type { RecordBatch, Row, Schema, SqlValue, StateValue } from '@velots/core';
import { CollectedStream } from '../engine/collected-stream.js';
import { groupKeyOf } from '../windows/group-state.js';

/** A TABLE as a join sees it: its schema and its latest row per key, in first-seen key order. */
export interface LoadedTable {
  readonly schema: Schema;
  readonly rows: readonly Row[];
}

/**
 * Materialises a table from batches (a file read whole, or a CTAS job's changelog): the latest row
 * per key wins (dialect §5: a CTAS table always keeps the latest row per key). A derived table in a
 * JOIN (`keepsEveryRow`) keeps every row, duplicates included, as SQL joins a subquery's result.
 */
export class TableCollector extends CollectedStream<LoadedTable> {
  private readonly latest = new Map<string, Row>();
  private readonly everyRow: Row[] = [];
  private readonly keyIndexes: readonly number[];

  constructor(
    private readonly schema: Schema,
    keyColumns: readonly string[],
    private readonly keepsEveryRow = false,
  ) {
    super();
    const indexes = keyColumns.map((k) => schema.indexOf(k)).filter((i) => i !== -1);
    this.keyIndexes = indexes.length > 0 ? indexes : schema.length > 0 ? [0] : [];
  }

  add(batch: RecordBatch): void {
    if (this.keepsEveryRow) {
      for (const row of batch.rows) this.everyRow.push(row);
      return;
    }
    for (const row of batch.rows) {
      const key = groupKeyOf(this.keyIndexes.map((i) => (row[i] ?? null) as SqlValue));
      this.latest.set(key, row);
    }
  }

  /** The rows collected so far (latest per key, in first-seen key order, or every row), for a checkpoint of the job feeding it. */
  snapshot(): StateValue {
    return (this.keepsEveryRow ? this.everyRow : [...this.latest.values()]).map((row) => row.slice());
  }

  /** Replaces the collected rows with ones `snapshot` returned. */
  restore(state: StateValue): void {
    this.latest.clear();
    this.everyRow.length = 0;
    this.add({ schema: this.schema, rows: (state as readonly Row[]).slice(), eventTimes: [] });
  }

  result(): LoadedTable {
    return { schema: this.schema, rows: this.keepsEveryRow ? this.everyRow : [...this.latest.values()] };
  }
}
