import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@velots/core';
import { createEngine } from '../../src/index.js';
import { UpdatingAggregateOperator } from '../../src/windows/updating-aggregate-operator.js';

/**
 * A CSV of edge cases for the columnar GROUP BY: NULL and empty keys, negative decimals and zeros, another scale
 * than the column's, quoted and blank-padded fields (the tokenizer's path), malformed fields (dead letters), and
 * sums that leave the number path (past 2^53) for both DECIMAL and BIGINT.
 */
function edgeInput(): string {
  const lines = ['station;temperature;n'];
  const stations = ['a', 'b', 'Zürich', '', 'c'];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < 600; i++) {
    const station = stations[next() % stations.length]!;
    const tenths = (next() % 2001) - 1000;
    const temperature = `${tenths < 0 ? '-' : ''}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10}`;
    const n = (next() % 201) - 100;
    switch (i % 50) {
      case 3:
        lines.push(`;${temperature};${n}`); // NULL key
        break;
      case 5:
        lines.push(`"";${temperature};${n}`); // the empty string
        break;
      case 7:
        lines.push(`${station};;${n}`); // NULL temperature
        break;
      case 9:
        lines.push(`${station};${temperature};`); // NULL n
        break;
      case 11:
        lines.push(`"${station}";${temperature};${n}`);
        break;
      case 13:
        lines.push(` ${station} ; ${temperature} ;${n}`);
        break;
      case 17:
        lines.push(`${station};${temperature}0;${n}`); // another scale: 1.50 next to 1.5
        break;
      case 19:
        lines.push(`${station};x${temperature};${n}`); // malformed
        break;
      case 23:
        lines.push(`big;99999999999999.9;999999999999999`); // sums past 2^53
        break;
      case 29:
        lines.push(`${station};-0.0;-0`);
        break;
      default:
        lines.push(`${station};${temperature};${n}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const AGGREGATES =
  'COUNT(*) AS c, COUNT(temperature) AS ct, SUM(temperature) AS s, MIN(temperature) AS lo, AVG(temperature) AS av, ' +
  'MAX(temperature) AS hi, SUM(n) AS sn, MIN(n) AS ln, MAX(n) AS hn, COUNT(n) AS cn';

/** Runs `select` over the edge input (declared schema) to a JSON-lines file; returns its lines and the dead letters. */
async function run(select: string, batchSize: number): Promise<{ lines: string[]; deadLetters: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'velo-columnar-'));
  writeFileSync(join(dir, 'm.csv'), edgeInput());
  const sql = `CREATE STREAM m (station STRING, temperature DECIMAL(18, 1), n BIGINT);
    CREATE STREAM out AS ${select} WITH ('m.type' = 'file_source', 'm.path' = 'm.csv', 'm.format' = 'csv', 'm.delimiter' = ';',
      'out.type' = 'file_sink', 'out.path' = 'out.jsonl', 'failure_strategy' = 'dead_letter',
      'dead.letter.queue.sink' = 'dlq', 'dlq.type' = 'file_sink', 'dlq.path' = 'dlq.jsonl');`;
  const engine = await createEngine({ sql, baseDir: dir, batchSize, warn: () => undefined });
  const summary = await engine.run();
  expect(summary.ok).toBe(true);
  const read = (name: string): string[] => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean) : []);
  return { lines: read('out.jsonl'), deadLetters: read('dlq.jsonl').map((l) => (JSON.parse(l) as { reason: string }).reason) };
}

// The columnar path is taken when the GROUP BY reads the CSV source directly; a WHERE that keeps every row puts a
// filter first, so the same aggregate runs on rows: the two must agree bit for bit, at every batch size.
describe('GROUP BY over column vectors', () => {
  const shapes: [string, string, string][] = [
    ['a STRING key, EMIT FINAL', `SELECT station, ${AGGREGATES} FROM m GROUP BY station EMIT FINAL`, `SELECT station, ${AGGREGATES} FROM m WHERE n IS NULL OR n IS NOT NULL GROUP BY station EMIT FINAL`],
    ['a STRING key, EMIT CHANGES', `SELECT station, ${AGGREGATES} FROM m GROUP BY station`, `SELECT station, ${AGGREGATES} FROM m WHERE n IS NULL OR n IS NOT NULL GROUP BY station`],
    ['a BIGINT key', `SELECT n, ${AGGREGATES} FROM m GROUP BY n EMIT FINAL`, `SELECT n, ${AGGREGATES} FROM m WHERE n IS NULL OR n IS NOT NULL GROUP BY n EMIT FINAL`],
    ['a DECIMAL key', `SELECT temperature, COUNT(*) AS c, SUM(n) AS sn FROM m GROUP BY temperature EMIT FINAL`, `SELECT temperature, COUNT(*) AS c, SUM(n) AS sn FROM m WHERE n IS NULL OR n IS NOT NULL GROUP BY temperature EMIT FINAL`],
    ['no key', `SELECT ${AGGREGATES} FROM m`, `SELECT ${AGGREGATES} FROM m WHERE n IS NULL OR n IS NOT NULL`],
  ];

  for (const [name, columnar, rows] of shapes) {
    it(`equals the row path exactly: ${name}, batches of 1, 7 and 4096`, async () => {
      const reference = await run(rows, 4096);
      expect(reference.lines.length).toBeGreaterThan(0);
      expect(reference.deadLetters).toHaveLength(12);
      for (const batchSize of [1, 7, 4096]) {
        const out = await run(columnar, batchSize);
        expect(out.lines).toEqual(reference.lines);
        expect(out.deadLetters).toEqual(reference.deadLetters);
      }
    });
  }

  it('keeps sums past 2^53 exact (DECIMAL and BIGINT), NULL and empty keys apart, and the first scale of equal extremes', async () => {
    const { lines, deadLetters } = await run(`SELECT station, ${AGGREGATES} FROM m GROUP BY station EMIT FINAL`, 7);
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const big = rows.find((r) => r['station'] === 'big')!;
    expect(big).toMatchObject({ c: 12, s: 1199999999999998.8, sn: 11999999999999988 });
    expect(lines.find((l) => l.includes('"station":"big"'))).toContain('"s":1199999999999998.8');
    expect(lines.find((l) => l.includes('"station":"big"'))).toContain('"sn":11999999999999988');
    expect(rows.filter((r) => r['station'] === null)).toHaveLength(1);
    expect(rows.filter((r) => r['station'] === '')).toHaveLength(1);
    expect(deadLetters[0]).toMatch(/^m\.csv:21: field 'temperature' value 'x-?\d+\.\d' cannot be cast to DECIMAL\(18,1\)$/);
  });
});

describe('which GROUP BY plans read column vectors', () => {
  /** Whether the first operator of `sql`'s job (over a CSV stream m) reads columns. */
  const dir = mkdtempSync(join(tmpdir(), 'velo-columnar-plan-'));
  writeFileSync(join(dir, 'm.csv'), 'station,temperature,n\na,1.5,1\n');
  async function readsColumns(select: string): Promise<boolean | undefined> {
    const engine = await createEngine({
      sql: `CREATE STREAM m (station STRING, temperature DECIMAL(18, 1), n BIGINT);
        CREATE STREAM out AS ${select} WITH ('m.type' = 'file_source', 'm.path' = 'm.csv', 'out.type' = 'file_sink', 'out.path' = 'out.jsonl');`,
      baseDir: dir,
      warn: () => undefined,
    });
    try {
      const root = engine.jobPlans[0]!.root;
      let node = root;
      while (node.kind !== 'Aggregate' && 'input' in node) node = node.input as typeof root;
      if (node.kind !== 'Aggregate' || node.input.kind !== 'Scan') return undefined;
      return new UpdatingAggregateOperator(node, new ManualClock(0)).readsColumns;
    } finally {
      await engine.close();
    }
  }

  it('takes plain columns, one key or none, and inline aggregates', async () => {
    expect(await readsColumns('SELECT station, MIN(temperature) AS lo, AVG(temperature) AS av, COUNT(*) AS c FROM m GROUP BY station')).toBe(true);
    expect(await readsColumns('SELECT n, SUM(n) AS s FROM m GROUP BY n EMIT FINAL')).toBe(true);
    expect(await readsColumns('SELECT COUNT(n) AS c FROM m')).toBe(true);
  });

  it('leaves every other shape on rows', async () => {
    expect(await readsColumns('SELECT station, n, COUNT(*) AS c FROM m GROUP BY station, n')).toBe(false);
    expect(await readsColumns('SELECT station, COUNT(DISTINCT n) AS c FROM m GROUP BY station')).toBe(false);
    expect(await readsColumns("SELECT station, STRING_AGG(station, ',') AS c FROM m GROUP BY station")).toBe(false);
    expect(await readsColumns('SELECT station, SUM(n + 1) AS c FROM m GROUP BY station')).toBe(false);
    expect(await readsColumns('SELECT station, SUM(n) FILTER (WHERE n > 0) AS c FROM m GROUP BY station')).toBe(false);
  });
});
