import type { ConnectorContext, RecordBatch, Schema, Sink, SqlValue } from '@velots/core';
import { createEngine, type EngineOptions } from './engine.js';
import type { ProvidedSource } from './connector-factory.js';

/** A result row of `query()`: values keyed by output column name (DECIMAL values are `Decimal`s). */
export type ResultRow = Record<string, SqlValue>;

export interface QueryOptions extends Omit<EngineOptions, 'sql' | 'sources' | 'resultSink'> {
  /** The inputs the query names in FROM: Source objects or (async) iterables of plain objects. */
  readonly sources: Readonly<Record<string, ProvidedSource>>;
}

/** Hands result batches to an async iterator, one batch at a time (the engine waits while the consumer is behind). */
class ResultQueue implements Sink {
  readonly name = 'query-results';
  private readonly batches: RecordBatch[] = [];
  private ended = false;
  private failure: unknown;
  private wakeReader: (() => void) | undefined;
  private wakeWriter: (() => void) | undefined;

  async open(_schema: Schema, _context: ConnectorContext): Promise<void> {}

  async write(batch: RecordBatch): Promise<void> {
    this.batches.push(batch);
    this.wake();
    while (this.batches.length > 2 && !this.ended) await new Promise<void>((resolve) => (this.wakeWriter = resolve));
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}

  finish(error?: unknown): void {
    this.failure = error;
    this.ended = true;
    this.wake();
  }

  async *rows(): AsyncGenerator<ResultRow> {
    for (;;) {
      const batch = this.batches.shift();
      if (batch) {
        const writer = this.wakeWriter;
        this.wakeWriter = undefined;
        writer?.();
        const names = batch.schema.names;
        for (const row of batch.rows) {
          const object: ResultRow = {};
          for (let i = 0; i < names.length; i++) object[names[i] as string] = (row[i] ?? null) as SqlValue;
          yield object;
        }
        continue;
      }
      if (this.ended) {
        if (this.failure !== undefined) throw this.failure;
        return;
      }
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
  }

  private wake(): void {
    const reader = this.wakeReader;
    this.wakeReader = undefined;
    reader?.();
  }
}

/**
 * Runs one SQL query over in-memory or provided sources and streams its result rows:
 * `for await (const row of query('SELECT … FROM trades', { sources: { trades } })) …`.
 * Errors in the SQL reject the first iteration with a positioned VeloError.
 */
export async function* query(sql: string, options: QueryOptions): AsyncGenerator<ResultRow> {
  const results = new ResultQueue();
  const engine = await createEngine({ ...options, sql, resultSink: () => results });
  const running = engine.run().then(
    (summary) => results.finish(summary.ok ? undefined : summary.error),
    (error: unknown) => results.finish(error),
  );
  try {
    yield* results.rows();
  } finally {
    engine.stop();
    await running;
  }
}
