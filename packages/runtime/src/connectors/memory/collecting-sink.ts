import type { ConnectorContext, RecordBatch, Schema, Sink, SqlValue } from '@velots/core';
import type { ConnectorStats, CountingConnector } from '../stats.js';

/** Options of a collecting sink. */
export interface CollectingSinkOptions {
  readonly name: string;
  /** Called with each batch instead of keeping rows (for streaming results out of `query()`). */
  readonly onBatch?: ((batch: RecordBatch) => void | Promise<void>) | undefined;
}

/** A row as an object keyed by output column name. */
export type RowObject = Record<string, SqlValue>;

/**
 * Keeps written rows in memory as objects keyed by column name (tests, embedding), or hands each batch
 * to a callback; awaiting the callback gives the caller backpressure.
 */
export class CollectingSink implements Sink, CountingConnector {
  readonly name: string;
  /** Rows written so far (empty when `onBatch` is given). */
  readonly rows: RowObject[] = [];
  private names: readonly string[] = [];
  private records = 0;

  constructor(private readonly options: CollectingSinkOptions) {
    this.name = options.name;
  }

  stats(): ConnectorStats {
    return { records: this.records, bytes: 0, badRecords: 0 };
  }

  async open(schema: Schema, _context: ConnectorContext): Promise<void> {
    this.names = schema.names;
  }

  async write(batch: RecordBatch): Promise<void> {
    this.records += batch.rows.length;
    if (this.options.onBatch) {
      await this.options.onBatch(batch);
      return;
    }
    for (const row of batch.rows) this.rows.push(rowToObject(this.names, row));
  }

  async flush(): Promise<void> {
    // Everything is already in memory.
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}

/** `{ name: value }` of a positional row. */
export function rowToObject(names: readonly string[], row: readonly SqlValue[]): RowObject {
  const out: RowObject = {};
  for (let i = 0; i < names.length; i++) out[names[i] as string] = row[i] ?? null;
  return out;
}
