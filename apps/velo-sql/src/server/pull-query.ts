import type { ConnectorContext, RecordBatch, Schema, Sink, Source } from '@velots/core';
import { createEngine } from '@velots/runtime';
import type { AppRegistry } from './app-registry.js';
import { RawJson, rowJsonArray } from './json-values.js';
import { RowsSource } from './rows-source.js';
import { systemTables } from './system-tables.js';

/** The answer of `POST /query`: column names and rows (arrays of exact JSON values). */
export interface QueryAnswer {
  readonly columns: readonly string[];
  readonly rows: readonly RawJson[];
  /** What a statement did, for statements that return no rows (PAUSE JOB, DEPLOY JOB…). */
  readonly message?: string | undefined;
}

/** Collects result batches with their schema. */
class ResultCollector implements Sink {
  readonly name = 'pull-query-result';
  schema: Schema | undefined;
  readonly rows: RawJson[] = [];

  async open(schema: Schema, _context: ConnectorContext): Promise<void> {
    this.schema = schema;
  }

  async write(batch: RecordBatch): Promise<void> {
    for (const row of batch.rows) this.rows.push(new RawJson(rowJsonArray(batch.schema, row)));
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}

/**
 * A pull query: the SELECT runs once over a snapshot of every CTAS table's current rows and of the system
 * tables (`velo_jobs`, `velo_operators`, `velo_partitions`), and its rows come back whole.
 */
export async function runPullQuery(sql: string, registry: AppRegistry, appsDir: string): Promise<QueryAnswer> {
  const sources: Record<string, Source> = {};
  for (const table of registry.tables()) sources[table.name] = new RowsSource(table.name, table.schema, () => table.all());
  for (const [name, table] of systemTables(registry)) sources[name] = new RowsSource(name, table.schema, () => table.rows());
  const collector = new ResultCollector();
  const engine = await createEngine({ sql, file: '<query>', baseDir: appsDir, allowedRoot: appsDir, sources, resultSink: () => collector, warn: () => undefined });
  const summary = await engine.run();
  if (!summary.ok && summary.error) throw summary.error;
  const schema = collector.schema ?? engine.jobPlans.at(-1)?.schema;
  return { columns: schema?.names ?? [], rows: collector.rows };
}
