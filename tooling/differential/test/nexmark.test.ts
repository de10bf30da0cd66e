import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Row } from '@velots/core';
import { CollectingSink, NEXMARK_SCHEMAS, NexmarkEvents, createEngine, nexmarkEventId, nexmarkTableCount, type NexmarkTable, type ResultRow } from '@velots/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalize, rowKey, sameValue } from './normalize.js';

const EVENTS = 5_000;
/** Queries without state: one batch size says all (stateful ones also run in batches of 61). */
const STATELESS = new Set(['q0', 'q1', 'q2', 'q10', 'q13', 'q14', 'q21', 'q22']);
/**
 * Queries whose file sink writes one file per partition (q10: dt={dt}/hm={hm}/part.jsonl): the file each DuckDB row
 * belongs in. They run with their real file sink and every file written is compared with its DuckDB rows.
 */
const PARTITIONED: Readonly<Record<string, (row: Readonly<Record<string, unknown>>) => string>> = {
  q10: (row) => `dt=${String(row['dt'])}/hm=${String(row['hm'])}/part.jsonl`,
};
/** Their stream's event clock (events per second of event time): slow enough that 5,000 events span minutes. */
const PARTITIONED_RATE = 20;
// The benchmark's own query texts in both dialects (files, not modules): what is benchmarked is what is checked here.
const nexmarkDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench', 'nexmark');
const queriesDir = join(nexmarkDir, 'queries');
const QUERIES = readdirSync(queriesDir)
  .map((f) => f.replace(/\.sql$/, ''))
  .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

let dir: string;
let duck: DuckDBConnection;

/** The first EVENTS events of the nexmark source's stream as CSV files (DuckDB's input; q3 and q13 read them too). */
function writeStream(into: string, eventsPerSecond?: number): void {
  const events = new NexmarkEvents({ eventsPerSecond });
  const files: Record<NexmarkTable, string> = { person: 'persons.csv', auction: 'auctions.csv', bid: 'bids.csv' };
  for (const table of Object.keys(files) as NexmarkTable[]) {
    const make = (id: number): Row => events[table](id);
    const lines = [NEXMARK_SCHEMAS[table].names.join(',')];
    for (let n = 0; n < nexmarkTableCount(table, EVENTS); n++) lines.push(make(nexmarkEventId(table, n)).join(','));
    writeFileSync(join(into, files[table]), `${lines.join('\n')}\n`);
  }
  const side = ['skey,label'];
  for (let i = 0; i < 10_000; i++) side.push(`${i},side-${i}`);
  writeFileSync(join(into, 'side.csv'), `${side.join('\n')}\n`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'velo-nexmark-differential-'));
  writeStream(dir);
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  for (const [view, file] of [['bids', 'bids.csv'], ['auctions', 'auctions.csv'], ['persons', 'persons.csv'], ['side', 'side.csv']]) {
    await duck.run(`CREATE VIEW ${view} AS SELECT * FROM read_csv('${join(dir, file as string)}', header = true)`);
  }
});

afterAll(() => duck?.closeSync());

async function velo(query: string, batchSize?: number): Promise<unknown[][]> {
  const sink = new CollectingSink({ name: query });
  const engine = await createEngine({
    sql: readFileSync(join(queriesDir, `${query}.sql`), 'utf8'),
    baseDir: dir,
    env: { NEXMARK_EVENTS: String(EVENTS) },
    sinks: { [query]: sink },
    warn: () => undefined,
    batchSize,
  });
  const summary = await engine.run();
  if (!summary.ok) throw summary.error;
  return (sink.rows as ResultRow[]).map((row) => Object.values(row).map(normalize));
}

async function duckdb(query: string): Promise<unknown[][]> {
  const reader = await duck.runAndReadAll(readFileSync(join(nexmarkDir, 'duckdb', `${query}.sql`), 'utf8'));
  return (reader.getRows() as unknown as Row[]).map((row) => row.map(normalize));
}

function expectSameRows(actual: unknown[][], expected: unknown[][]): void {
  const sort = (rows: unknown[][]): unknown[][] =>
    rows
      .map((row) => ({ row, key: rowKey(row) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ row }) => row);
  const a = sort(actual);
  const e = sort(expected);
  expect(a.length).toBe(e.length);
  for (let i = 0; i < a.length; i++) {
    const same = a[i]!.length === e[i]!.length && a[i]!.every((v, j) => sameValue(v, e[i]![j]));
    if (!same) expect({ row: i, velo: a[i] }).toEqual({ row: i, velo: e[i] });
  }
}

describe('the Nexmark benchmark queries agree with DuckDB on the same stream', () => {
  it('covers every query of bench/nexmark in both dialects', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(22);
    expect(readdirSync(join(nexmarkDir, 'duckdb')).sort()).toEqual(QUERIES.map((q) => `${q}.sql`).sort());
  });

  for (const query of QUERIES.filter((q) => PARTITIONED[q] === undefined)) {
    it(`${query} gives DuckDB's rows${STATELESS.has(query) ? '' : ', in batches of 4096 and of 61'}`, async () => {
      const expected = await duckdb(query);
      expect(expected.length).toBeGreaterThan(0);
      expectSameRows(await velo(query), expected);
      if (!STATELESS.has(query)) expectSameRows(await velo(query, 61), expected);
    });
  }

  for (const [query, fileOf] of Object.entries(PARTITIONED)) {
    it(`${query} writes DuckDB's rows into the files its path names, in batches of 4096 and of 61`, async () => {
      const slow = join(dir, `${query}-slow`);
      mkdirSync(slow, { recursive: true });
      writeStream(slow, PARTITIONED_RATE);
      await duck.run(`CREATE OR REPLACE VIEW bids_slow AS SELECT * FROM read_csv('${join(slow, 'bids.csv')}', header = true)`);
      const reader = await duck.runAndReadAll(readFileSync(join(nexmarkDir, 'duckdb', `${query}.sql`), 'utf8').replace(/\bbids\b/g, 'bids_slow'));
      const names = reader.columnNames();
      const expected = new Map<string, unknown[][]>();
      for (const row of reader.getRows() as unknown as Row[]) {
        const values = row.map(normalize);
        const file = fileOf(Object.fromEntries(names.map((name, i) => [name, values[i]])));
        expected.set(file, [...(expected.get(file) ?? []), values]);
      }
      expect(expected.size).toBeGreaterThan(2);
      for (const batchSize of [4096, 61]) {
        const written = await veloFiles(query, join(slow, `run-${batchSize}`), batchSize);
        expect(Object.keys(written).sort(), `batch size ${batchSize}`).toEqual([...expected.keys()].sort());
        for (const [file, rows] of Object.entries(written)) expectSameRows(rows, expected.get(file) ?? []);
      }
    });
  }
});

/** Runs a partitioned query with its own file sink (on the slow event clock) in `into`; the rows of each file written. */
async function veloFiles(query: string, into: string, batchSize: number): Promise<Record<string, unknown[][]>> {
  mkdirSync(into, { recursive: true });
  const sql = readFileSync(join(queriesDir, `${query}.sql`), 'utf8').replaceAll("'bid.type' = 'nexmark'", `'bid.type' = 'nexmark', 'bid.events.per.second' = '${PARTITIONED_RATE}'`);
  const engine = await createEngine({ sql, baseDir: into, env: { NEXMARK_EVENTS: String(EVENTS) }, warn: () => undefined, batchSize });
  const summary = await engine.run();
  if (!summary.ok) throw summary.error;
  const root = join(into, 'out', query);
  const files: Record<string, unknown[][]> = {};
  const walk = (at: string): void => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.length > 0);
        files[relative(root, path)] = lines.map((line) => Object.values(JSON.parse(line) as Record<string, unknown>).map(normalize));
      }
    }
  };
  walk(root);
  return files;
}
