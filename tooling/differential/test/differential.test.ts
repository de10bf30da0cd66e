import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Row } from '@velots/core';
import { createEngine, type ResultRow } from '@velots/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from './cases.js';
import { ORDERING_CASES } from './cases-ordering.js';
import { SEMANTICS_CASES } from './cases-semantics.js';
import { CSV_CASES, JSON_CASES, TIME_CASES } from './cases-time.js';
import { writeDataFiles, type DataFiles } from './data.js';
import { normalize, rowKey, sameValue } from './normalize.js';

let files: DataFiles;
let duck: DuckDBConnection;

beforeAll(async () => {
  files = writeDataFiles(mkdtempSync(join(tmpdir(), 'velo-differential-')));
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(
    `CREATE TABLE trades AS SELECT * FROM read_csv('${files.trades}', header = true, columns = {'id': 'BIGINT', 'symbol': 'VARCHAR', 'side': 'VARCHAR', 'price': 'DECIMAL(18,2)', 'qty': 'BIGINT', 'ts': 'TIMESTAMP', 'note': 'VARCHAR', 'fee': 'DECIMAL(18,3)'})`,
  );
  for (const [name, column] of [['temperature', 'celsius'], ['humidity', 'percent']] as const) {
    await duck.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${files[name]}', header = true, columns = {'device_id': 'VARCHAR', '${column}': 'DECIMAL(18,1)', 'ts': 'TIMESTAMP'})`);
  }
  for (const [name, item] of [['clicks', 'page'], ['views', 'ad']] as const) {
    await duck.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${files[name]}', header = true, columns = {'user_id': 'VARCHAR', '${item}': 'VARCHAR', 'ms': 'BIGINT', 'seq': 'BIGINT'})`);
  }
  await duck.run(`CREATE TABLE events AS SELECT * FROM read_json('${files.events}', format = 'newline_delimited')`);
  // Velo TS reads a quoted "" as the empty string (docs/connectors.md): DuckDB does with allow_quoted_nulls = false.
  await duck.run(`CREATE TABLE quirks AS SELECT * FROM read_csv('${files.quirks}', header = true, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, columns = {'id': 'BIGINT', 'label': 'VARCHAR', 'amount': 'DECIMAL(18,3)', 'flag': 'BOOLEAN', 'day': 'DATE'})`);
  await duck.run(`CREATE TABLE symbols AS SELECT * FROM read_csv('${files.symbols}', header = true, columns = {'symbol': 'VARCHAR', 'company': 'VARCHAR', 'sector': 'VARCHAR', 'lot': 'BIGINT'})`);
});

afterAll(() => duck?.closeSync());

/** Rows of `sql` through Velo TS; undefined when `workers` > 1 and every job of it ran on one thread. */
async function velo(sql: string, batchSize?: number, workers?: number, properties = ''): Promise<unknown[][] | undefined> {
  const rows: unknown[][] = [];
  const clause = `WITH (${properties}'quirks.type' = 'file_source', 'quirks.path' = '${files.quirks}', 'events.type' = 'file_source', 'events.path' = '${files.events}', 'events.format' = 'jsonlines', 'clicks.type' = 'file_source', 'clicks.path' = '${files.clicks}', 'views.type' = 'file_source', 'views.path' = '${files.views}', 'trades.type' = 'file_source', 'trades.path' = '${files.trades}', 'symbols.type' = 'file_source', 'symbols.path' = '${files.symbols}', ` +
    `'temperature.type' = 'file_source', 'temperature.path' = '${files.temperature}', 'humidity.type' = 'file_source', 'humidity.path' = '${files.humidity}', 'max_batch_size' = '100000')`;
  // A case with several statements marks where each takes the WITH clause; a single query gets it at its end.
  const withFiles = sql.includes('{{with}}') ? sql.replaceAll('{{with}}', clause) : `${sql} ${clause}`;
  const { CollectingSink } = await import('@velots/runtime');
  const sink = new CollectingSink({ name: 'results' });
  const engine = await createEngine({ sql: withFiles, resultSink: () => sink, warn: () => undefined, batchSize, workers });
  const summary = await engine.run();
  if (!summary.ok) throw summary.error;
  // Workers read shares of the source, or split the GROUP BY by key: either way the rows must be the one thread's.
  if (workers !== undefined && workers > 1 && summary.jobs.every((job) => job.threads?.mode === 'single')) return undefined;
  for (const row of sink.rows as ResultRow[]) rows.push(Object.values(row).map(normalize));
  return rows;
}

async function duckdb(sql: string): Promise<unknown[][]> {
  const reader = await duck.runAndReadAll(sql);
  return (reader.getRows() as unknown as Row[]).map((row) => row.map(normalize));
}

function expectSameRows(actual: unknown[][], expected: unknown[][], ordered: boolean): void {
  const sort = (rows: unknown[][]): unknown[][] => (ordered ? rows : [...rows].sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : rowKey(a) > rowKey(b) ? 1 : 0)));
  const a = sort(actual);
  const e = sort(expected);
  expect(a.length).toBe(e.length);
  for (let i = 0; i < a.length; i++) {
    const same = a[i]!.length === e[i]!.length && a[i]!.every((v, j) => sameValue(v, e[i]![j]));
    if (!same) expect({ row: i, velo: a[i] }).toEqual({ row: i, velo: e[i] });
  }
}

/** Cases that ran split across 2 worker threads too. */
const splitCases: string[] = [];

describe('Velo TS agrees with DuckDB on the same files', () => {
  afterAll(() => {
    // The split path must have been exercised, not skipped for every case.
    expect(splitCases.length).toBeGreaterThan(3);
  });

  for (const testCase of [...CASES, ...SEMANTICS_CASES, ...ORDERING_CASES, ...TIME_CASES, ...JSON_CASES, ...CSV_CASES]) {
    it(testCase.name, async () => {
      const properties = testCase.properties === undefined ? '' : `${testCase.properties}, `;
      const [actual, expected] = [await velo(testCase.velo, undefined, undefined, properties), await duckdb(testCase.duck ?? testCase.velo)];
      expect(expected.length).toBeGreaterThan(0);
      expectSameRows(actual!, expected, testCase.ordered ?? false);
      // Stateful cases also run in batches of 7 records (and of 1 when asked): micro-batches never change a result.
      if (testCase.everyBatchSize) expectSameRows((await velo(testCase.velo, 7, undefined, properties))!, expected, testCase.ordered ?? false);
      if (testCase.batchesOfOne) expectSameRows((await velo(testCase.velo, 1, undefined, properties))!, expected, testCase.ordered ?? false);
      // A query whose job runs on worker threads (shares of the source, or its GROUP BY split by key) gives the same rows
      // with 2 workers (and batches of 7).
      const parallel = await velo(testCase.velo, undefined, 2, properties);
      if (parallel !== undefined) {
        expectSameRows(parallel, expected, testCase.ordered ?? false);
        splitCases.push(testCase.name);
        if (testCase.everyBatchSize) expectSameRows((await velo(testCase.velo, 7, 2, properties))!, expected, testCase.ordered ?? false);
      }
    });
  }
});
