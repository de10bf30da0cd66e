import type { RecordBatch, Row, Schema, SqlValue } from '@velots/core';
import { groupKeyOf } from '../windows/group-state.js';

/** A TABLE as a join sees it: its schema and its latest row per key, in first-seen key order. */
export interface LoadedTable {
  readonly schema: Schema;
  readonly rows: readonly Row[];
}

/**
 * Materialises a table from batches (a file read whole, or a CTAS job's changelog): the latest row
 * per key wins (dialect §5: a CTAS table always keeps the latest row per key).
 */
export class TableCollector {
  private readonly latest = new Map<string, Row>();
  private readonly keyIndexes: readonly number[];
  private done: ((table: LoadedTable) => void) | undefined;
  private failed: ((error: unknown) => void) | undefined;
  /** Resolves with the table once `end()` is called (an in-process producer finished). */
  readonly complete: Promise<LoadedTable>;

  constructor(
    private readonly schema: Schema,
    keyColumns: readonly string[],
  ) {
    const indexes = keyColumns.map((k) => schema.indexOf(k)).filter((i) => i !== -1);
    this.keyIndexes = indexes.length > 0 ? indexes : schema.length > 0 ? [0] : [];
    this.complete = new Promise<LoadedTable>((resolve, reject) => {
      this.done = resolve;
      this.failed = reject;
    });
    // A consumer that never awaits must not turn a producer failure into an unhandled rejection.
    this.complete.catch(() => undefined);
  }

  add(batch: RecordBatch): void {
    for (const row of batch.rows) {
      const key = groupKeyOf(this.keyIndexes.map((i) => (row[i] ?? null) as SqlValue));
      this.latest.set(key, row);
    }
  }

  table(): LoadedTable {
    return { schema: this.schema, rows: [...this.latest.values()] };
  }

  /** In-process producers push their output here, like into a StreamChannel. */
  async push(batch: RecordBatch): Promise<void> {
    this.add(batch);
  }

  end(): void {
    this.done?.(this.table());
  }

  fail(error: unknown): void {
    this.failed?.(error);
  }
}
