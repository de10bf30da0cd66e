import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/index.js';
import { queryAtEveryBatchSize } from '../batch-sizes.js';

const trades = [
  { id: 1, symbol: 'AAPL', qty: 100 },
  { id: 2, symbol: 'MSFT', qty: 5 },
  { id: 3, symbol: 'XXXX', qty: 7 },
  { id: 4, symbol: 'AAPL', qty: 1 },
];
const symbols = [
  { symbol: 'AAPL', name: 'Apple', min_qty: 10 },
  { symbol: 'MSFT', name: 'Microsoft', min_qty: 1 },
  { symbol: 'GOOG', name: 'Alphabet', min_qty: 1 },
];

/** The rows of `sql`, asserted identical at batch sizes 1, 7 and the default. */
function rows(sql: string): Promise<ResultRow[]> {
  return queryAtEveryBatchSize(sql, { sources: { trades, symbols }, warn: () => undefined });
}

describe('stream–table JOIN', () => {
  it('enriches each stream row with the table row its key selects (INNER)', async () => {
    expect(await rows('SELECT t.id, s.name, t.qty FROM trades t JOIN symbols s ON t.symbol = s.symbol')).toEqual([
      { id: 1, name: 'Apple', qty: 100 },
      { id: 2, name: 'Microsoft', qty: 5 },
      { id: 4, name: 'Apple', qty: 1 },
    ]);
  });

  it('keeps unmatched stream rows with NULLs (LEFT) and applies the rest of ON per pair', async () => {
    expect(await rows('SELECT t.id, s.name FROM trades t LEFT JOIN symbols s ON t.symbol = s.symbol AND t.qty >= s.min_qty')).toEqual([
      { id: 1, name: 'Apple' },
      { id: 2, name: 'Microsoft' },
      { id: 3, name: null },
      { id: 4, name: null },
    ]);
  });

  it('emits the table rows no stream row matched at the end (RIGHT)', async () => {
    expect(await rows('SELECT t.id, s.symbol FROM trades t RIGHT JOIN symbols s ON t.symbol = s.symbol')).toEqual([
      { id: 1, symbol: 'AAPL' },
      { id: 2, symbol: 'MSFT' },
      { id: 4, symbol: 'AAPL' },
      { id: null, symbol: 'GOOG' },
    ]);
  });

  it('joins the same table twice under two aliases, each join seeing all of its rows', async () => {
    expect(await rows('SELECT t.id, a.name, b.min_qty FROM trades t JOIN symbols a ON t.symbol = a.symbol LEFT JOIN symbols b ON t.symbol = b.symbol AND t.qty >= b.min_qty')).toEqual([
      { id: 1, name: 'Apple', min_qty: 10 },
      { id: 2, name: 'Microsoft', min_qty: 1 },
      { id: 4, name: 'Apple', min_qty: null },
    ]);
  });

  it('joins with USING and filters the joined rows with WHERE', async () => {
    expect(await rows("SELECT id, name FROM trades JOIN symbols USING (symbol) WHERE name LIKE 'A%'")).toEqual([
      { id: 1, name: 'Apple' },
      { id: 4, name: 'Apple' },
    ]);
  });

  it('reads a CTAS table of the same app once its job has finished', async () => {
    expect(
      await rows(
        `CREATE TABLE totals AS SELECT symbol, SUM(qty) AS total FROM trades GROUP BY symbol;
         SELECT t.id, t.qty, x.total FROM trades t JOIN totals x ON t.symbol = x.symbol WHERE t.qty * 2 < x.total;`,
      ),
    ).toEqual([{ id: 4, qty: 1, total: 101 }]);
  });

  it('plans a JOIN whose right side is a stream of the app as an interval join, warning when it has no time bound', async () => {
    const { createEngine } = await import('../../src/index.js');
    const warnings: string[] = [];
    const engine = await createEngine({
      sql: 'CREATE STREAM big AS SELECT * FROM trades WHERE qty > 50; SELECT t.id FROM trades t JOIN big b ON t.id = b.id;',
      sources: { trades, symbols },
      warn: (message) => warnings.push(message),
    });
    await engine.close();
    expect(engine.jobPlans[1]?.root.kind).toBe('FilterProject');
    expect(engine.jobPlans[1]?.root.kind === 'FilterProject' ? engine.jobPlans[1].root.input.kind : undefined).toBe('IntervalJoin');
    expect(warnings.some((w) => w.includes("the stream join with 'big' has no time bound"))).toBe(true);
  });
});
