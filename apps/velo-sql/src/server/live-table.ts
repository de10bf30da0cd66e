import type { RecordBatch, Row, Schema } from '@velots/core';
import { valueToText } from '@velots/planner';
import type { StreamConsumer } from '@velots/runtime';

/** The separator of a compound key's parts, as in Kafka message keys (`US|Widget`). */
export const KEY_SEPARATOR = '|';

/**
 * A CTAS table's current state, fed by its job's output: the latest row per key. Keys are the text of the
 * key columns joined with `|`, so `GET /tables/t/rows/US|Widget` finds the row Kafka would key the same way.
 */
export class LiveTable implements StreamConsumer {
  private readonly rows = new Map<string, Row>();
  private readonly keyIndexes: readonly number[];
  state: 'loading' | 'complete' | 'failed' = 'loading';

  constructor(
    readonly name: string,
    readonly schema: Schema,
    readonly keyColumns: readonly string[],
  ) {
    const indexes = keyColumns.map((k) => schema.indexOf(k)).filter((i) => i !== -1);
    this.keyIndexes = indexes.length > 0 ? indexes : [0];
  }

  /** The key text of a row. */
  keyOf(row: Row): string {
    const fields = this.schema.fields;
    return this.keyIndexes.map((i) => (row[i] === null || row[i] === undefined ? '' : valueToText(row[i]!, fields[i]!.type))).join(KEY_SEPARATOR);
  }

  async push(batch: RecordBatch): Promise<void> {
    for (const row of batch.rows) this.rows.set(this.keyOf(row), row);
  }

  end(): void {
    this.state = 'complete';
  }

  fail(): void {
    this.state = 'failed';
  }

  /** The current row of `key`, or undefined. */
  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  /** Every current row, in first-seen key order. */
  all(): readonly Row[] {
    return [...this.rows.values()];
  }

  get size(): number {
    return this.rows.size;
  }
}
