import { Decimal } from '@velots/decimal';
import { describe, expect, it } from 'vitest';
import { query } from '../../src/index.js';

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('query()', () => {
  it('streams the rows of a filter/projection over an array of objects', async () => {
    const trades = [
      { symbol: 'AAPL', price: Decimal.parse('189.25'), qty: 100 },
      { symbol: 'MSFT', price: Decimal.parse('99.50'), qty: 3 },
      { symbol: 'NVDA', price: Decimal.parse('131.42'), qty: 500 },
    ];
    const rows = await collect(query('SELECT symbol, price * qty AS notional FROM trades WHERE price > 100', { sources: { trades } }));
    expect(rows.map((r) => ({ symbol: r['symbol'], notional: String(r['notional']) }))).toEqual([
      { symbol: 'AAPL', notional: '18925.00' },
      { symbol: 'NVDA', notional: '65710.00' },
    ]);
  });

  it('reads async iterables and stops at LIMIT', async () => {
    async function* numbers() {
      for (let n = 1; n <= 10_000; n++) yield { n };
    }
    const rows = await collect(query('SELECT n * 2 AS twice FROM numbers WHERE n % 2 = 0 LIMIT 3', { sources: { numbers: numbers() } }));
    expect(rows).toEqual([{ twice: 4 }, { twice: 8 }, { twice: 12 }]);
  });

  it('skips OFFSET rows before LIMIT, across batch boundaries', async () => {
    async function* numbers() {
      for (let n = 1; n <= 100; n++) yield { n };
    }
    const rows = await collect(query('SELECT n FROM numbers WHERE n % 3 = 0 LIMIT 4 OFFSET 5', { sources: { numbers: numbers() }, batchSize: 2 }));
    expect(rows).toEqual([{ n: 18 }, { n: 21 }, { n: 24 }, { n: 27 }]);
  });

  it('rejects bad SQL with a positioned error', async () => {
    await expect(collect(query('SELECT nope FROM t', { sources: { t: [{ a: 1 }] } }))).rejects.toMatchObject({
      code: 'SQL_BIND',
      position: { line: 1, column: 8 },
    });
  });
});

describe('query() ordering and DISTINCT', () => {
  const people = [
    { name: 'b', age: 30 },
    { name: 'a', age: null },
    { name: 'c', age: 25 },
    { name: 'b', age: 30 },
  ];

  it('sorts the whole bounded output, NULLs last, ties in arrival order, then applies LIMIT', async () => {
    const sorted = await collect(query('SELECT name, age FROM people ORDER BY age DESC, name LIMIT 3', { sources: { people } }));
    expect(sorted).toEqual([
      { name: 'b', age: 30 },
      { name: 'b', age: 30 },
      { name: 'c', age: 25 },
    ]);
  });

  it('keeps each distinct row once', async () => {
    expect(await collect(query('SELECT DISTINCT name, age FROM people', { sources: { people } }))).toEqual([
      { name: 'b', age: 30 },
      { name: 'a', age: null },
      { name: 'c', age: 25 },
    ]);
  });
});

describe('SELECT without FROM', () => {
  it('runs once over a single row', async () => {
    expect(await collect(query("SELECT 1 + 1 AS two, UPPER('x') AS u", { sources: {} }))).toEqual([{ two: 2, u: 'X' }]);
  });
});

describe('query() over a slow async iterable', () => {
  it('answers each object before the next one is produced, a tumbling window closing as event time passes it', async () => {
    // The iterable yields the next object only once the test has read the answer to the previous one.
    const inputs = [
      { sym: 'A', ts: 1_000 },
      { sym: 'A', ts: 2_000 },
      { sym: 'B', ts: 70_000 },
      { sym: 'A', ts: 140_000 },
    ];
    let answered: () => void = () => undefined;
    async function* slow(): AsyncGenerator<Record<string, unknown>> {
      for (const [i, input] of inputs.entries()) {
        yield input;
        if (i < inputs.length - 1) await new Promise<void>((resolve) => (answered = resolve));
      }
    }
    const events: string[] = [];
    const rows = query(
      `SELECT sym, COUNT(*) AS n FROM ticks GROUP BY sym WINDOW TUMBLING(ts, 1m) EMIT CHANGES`,
      { sources: { ticks: slow() }, warn: () => undefined },
    );
    for await (const row of rows) {
      events.push(`${String(row['sym'])}=${String(row['n'])}`);
      answered();
    }
    expect(events).toEqual(['A=1', 'A=2', 'B=1', 'A=1']);
  });
});
