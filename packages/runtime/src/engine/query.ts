import { Schema, type ConnectorContext, type RecordBatch, type Sink } from '@velots/core';
import { rowToObject, type RowObject } from '../connectors/memory/collecting-sink.js';
import { StreamChannel } from './stream-channel.js';
import { createEngine, type EngineOptions } from './engine.js';
import type { ProvidedSource } from './connector-factory.js';

/** A result row of `query()`: values keyed by output column name (DECIMAL values are `Decimal`s). */
export type ResultRow = RowObject;

export interface QueryOptions extends Omit<EngineOptions, 'sql' | 'sources' | 'resultSink'> {
  /** The inputs the query names in FROM: Source objects or (async) iterables of plain objects. */
  readonly sources: Readonly<Record<string, ProvidedSource>>;
}

/** Hands result batches to an async iterator through a bounded in-process channel (the engine waits while the consumer is behind). */
class ResultQueue implements Sink {
  readonly name = 'query-results';
  private readonly channel = new StreamChannel('query-results', Schema.EMPTY, 3);

  async open(_schema: Schema, _context: ConnectorContext): Promise<void> {}

  write(batch: RecordBatch): Promise<void> {
    return this.channel.push(batch);
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}

  finish(error?: unknown): void {
    if (error === undefined) this.channel.end();
    else this.channel.fail(error);
  }

  async *rows(): AsyncGenerator<ResultRow> {
    for (let read = await this.channel.next(0); read; read = await this.channel.next(0)) {
      const names = read.batch.schema.names;
      for (const row of read.batch.rows) yield rowToObject(names, row);
    }
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
