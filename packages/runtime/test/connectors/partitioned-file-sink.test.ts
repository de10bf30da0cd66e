import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, type RunSummary } from '../../src/index.js';

const TRADES = [
  'id,region,at,amount',
  '1,eu,2024-03-15T10:05:00,10',
  '2,us,2024-03-15T10:59:59,20',
  '3,eu,2024-03-15T11:00:00,30',
  '4,apac,2024-03-16T00:10:00,40',
  '5,us,2024-03-15T11:30:00,50',
  '6,eu,2024-03-15T10:20:00,60',
].join('\n');

/** Every file under `dir/out`, by path relative to it, with its text. */
function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(join(dir, 'out'), path)] = readFileSync(path, 'utf8');
    }
  };
  walk(join(dir, 'out'));
  return files;
}

async function run(sinkKeys: string, options: { batchSize?: number; select?: string; csv?: string } = {}): Promise<{ dir: string; summary: RunSummary }> {
  const dir = mkdtempSync(join(tmpdir(), 'velo-partitioned-sink-'));
  writeFileSync(join(dir, 'trades.csv'), `${options.csv ?? TRADES}\n`);
  const engine = await createEngine({
    sql: `CREATE STREAM out AS SELECT ${options.select ?? 'id, region, amount'} FROM trades
      WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv', 'trades.format' = 'csv', 'trades.event.time.field' = 'at',
            'out.type' = 'file_sink', ${sinkKeys});`,
    baseDir: dir,
    batchSize: options.batchSize,
    warn: () => undefined,
  });
  return { dir, summary: await engine.run() };
}

describe('file_sink with a path template', () => {
  it('writes each row to the file its column values name, in arrival order, at every batch size', async () => {
    for (const batchSize of [1, 2, 4096]) {
      const { dir, summary } = await run(`'out.path' = 'out/region={region}/part.jsonl'`, { batchSize });
      expect(summary.error).toBeUndefined();
      expect(filesUnder(dir), `batch size ${batchSize}`).toEqual({
        'region=eu/part.jsonl': '{"id":1,"region":"eu","amount":10}\n{"id":3,"region":"eu","amount":30}\n{"id":6,"region":"eu","amount":60}\n',
        'region=us/part.jsonl': '{"id":2,"region":"us","amount":20}\n{"id":5,"region":"us","amount":50}\n',
        'region=apac/part.jsonl': '{"id":4,"region":"apac","amount":40}\n',
      });
    }
  });

  it('formats strftime specifiers with the event time, one CSV header per file', async () => {
    const { dir } = await run(`'out.path' = 'out/%Y-%m-%d/%H.csv', 'out.format' = 'csv'`, { select: 'id, amount' });
    expect(filesUnder(dir)).toEqual({
      '2024-03-15/10.csv': 'id,amount\n1,10\n2,20\n6,60\n',
      '2024-03-15/11.csv': 'id,amount\n3,30\n5,50\n',
      '2024-03-16/00.csv': 'id,amount\n4,40\n',
    });
  });

  it('closes the least recently written file past max.open.files and appends to it when its rows come back', async () => {
    const { dir, summary } = await run(`'out.path' = 'out/{region}.csv', 'out.format' = 'csv', 'out.max.open.files' = '1'`, { batchSize: 1 });
    expect(summary.error).toBeUndefined();
    expect(filesUnder(dir)).toEqual({
      'eu.csv': 'id,region,amount\n1,eu,10\n3,eu,30\n6,eu,60\n',
      'us.csv': 'id,region,amount\n2,us,20\n5,us,50\n',
      'apac.csv': 'id,region,amount\n4,apac,40\n',
    });
  });

  it('keeps every value inside the sink folder: separators, dots and NULL are spelled out', async () => {
    const csv = ['id,region,at,amount', '1,../up,2024-03-15T10:05:00,10', '2,a/b,2024-03-15T10:05:00,20', '3,..,2024-03-15T10:05:00,30', '4,,2024-03-15T10:05:00,40'].join('\n');
    const { dir } = await run(`'out.path' = 'out/{region}/rows.jsonl'`, { select: 'id, region', csv });
    expect(Object.keys(filesUnder(dir)).sort()).toEqual(['%2E%2E', '..%2Fup', 'a%2Fb', 'null'].map((d) => `${d}/rows.jsonl`).sort());
  });

  it('refuses a placeholder that is not an output column, naming the columns', async () => {
    const { summary } = await run(`'out.path' = 'out/{country}/rows.jsonl'`);
    expect(summary.error?.code).toBe('CONFIG');
    expect(summary.error?.message).toBe("sink 'out': path 'out/{country}/rows.jsonl' names column 'country', which is not an output column (id, region, amount)");
  });
});
