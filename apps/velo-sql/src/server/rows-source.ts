import type { Row, Schema, Source, SourceBatch } from '@velots/core';

/** A table's current rows as a bounded source: one batch, read once (what a pull query scans). */
export class RowsSource implements Source {
  readonly bounded = true;
  private read = false;

  constructor(
    readonly name: string,
    private readonly schema: Schema,
    private readonly rows: () => readonly Row[],
  ) {}

  async open(): Promise<Schema> {
    return this.schema;
  }

  async next(): Promise<SourceBatch | undefined> {
    if (this.read) return undefined;
    this.read = true;
    const rows = [...this.rows()];
    const now = Date.now();
    return { batch: { schema: this.schema, rows, eventTimes: rows.map(() => now) }, position: { rows: rows.length } };
  }

  async commit(): Promise<void> {}

  async close(): Promise<void> {}
}
