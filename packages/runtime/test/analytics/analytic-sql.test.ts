import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/index.js';
import { queryAtEveryBatchSize } from '../batch-sizes.js';

const trades = [
  { symbol: 'AAPL', price: 150.0, ts: '2024-01-02T10:00:00Z' },
  { symbol: 'GOOGL', price: 140.0, ts: '2024-01-02T10:00:01Z' },
  { symbol: 'AAPL', price: 151.5, ts: '2024-01-02T10:00:02Z' },
  { symbol: 'GOOGL', price: 141.25, ts: '2024-01-02T10:00:03Z' },
];

/** The rows of `sql`, asserted identical at batch sizes 1, 7 and the default. */
function rows(sql: string): Promise<ResultRow[]> {
  return queryAtEveryBatchSize(sql, { sources: { trades }, warn: () => undefined });
}

describe('OVER from SQL text to rows', () => {
  it('runs the Velostream demo: previous price and change per symbol', async () => {
    expect(
      await rows(`SELECT symbol, LAG(price, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol ORDER BY ts) AS prev,
                         price - LAG(price, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol ORDER BY ts) AS change FROM trades`),
    ).toEqual([
      { symbol: 'AAPL', prev: null, change: null },
      { symbol: 'GOOGL', prev: null, change: null },
      { symbol: 'AAPL', prev: 150, change: 1.5 },
      { symbol: 'GOOGL', prev: 140, change: 1.25 },
    ]);
  });

  it('runs the standard form: LEAD held to its next row, a sliding ROWS frame, RANK within the whole (bounded) input', async () => {
    expect(
      await rows(`SELECT symbol, LEAD(price) OVER (PARTITION BY symbol ORDER BY ts) AS nxt,
                         SUM(price) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s2,
                         RANK() OVER (ORDER BY price DESC) AS r FROM trades`),
    ).toEqual([
      { symbol: 'AAPL', nxt: 151.5, s2: 150, r: 2 },
      { symbol: 'GOOGL', nxt: 141.25, s2: 290, r: 4 },
      { symbol: 'AAPL', nxt: null, s2: 291.5, r: 1 },
      { symbol: 'GOOGL', nxt: null, s2: 292.75, r: 3 },
    ]);
  });

  it('PERCENTILE_CONT and PERCENTILE_DISC with OVER sort the ORDER BY column of their window when WITHIN GROUP is absent', async () => {
    expect(
      await rows(`SELECT symbol, PERCENTILE_CONT(0.5) OVER (PARTITION BY symbol ORDER BY price) AS med,
                         PERCENTILE_DISC(0.5) OVER (ORDER BY price ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS disc,
                         PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY price) OVER (PARTITION BY symbol) AS whole FROM trades`),
    ).toEqual([
      { symbol: 'AAPL', med: 150, disc: 141.25, whole: 150.75 },
      { symbol: 'GOOGL', med: 140, disc: 141.25, whole: 140.625 },
      { symbol: 'AAPL', med: 150.75, disc: 141.25, whole: 150.75 },
      { symbol: 'GOOGL', med: 140.625, disc: 141.25, whole: 140.625 },
    ]);
    await expect(rows('SELECT PERCENTILE_CONT(0.5) OVER (PARTITION BY symbol) AS p FROM trades')).rejects.toMatchObject({
      code: 'SQL_BIND',
      message: expect.stringContaining('PERCENTILE_CONT(p) OVER (…) needs WITHIN GROUP (ORDER BY x) or an ORDER BY x in its OVER'),
    });
  });

  it('computes window functions of a GROUP BY query over its final groups: ranks of an aggregate, a total of totals', async () => {
    expect(
      await rows(`SELECT symbol, AVG(price) AS a, RANK() OVER (ORDER BY AVG(price) DESC) AS r, SUM(COUNT(*)) OVER () AS rows_in,
                         LAG(symbol) OVER (ORDER BY MAX(ts)) AS before FROM trades GROUP BY symbol`),
    ).toEqual([
      { symbol: 'AAPL', a: 150.75, r: 1, rows_in: 4, before: null },
      { symbol: 'GOOGL', a: 140.625, r: 2, rows_in: 4, before: 'AAPL' },
    ]);
    await expect(rows('SELECT symbol, RANK() OVER (ORDER BY COUNT(*)) AS r FROM trades GROUP BY symbol EMIT CHANGES')).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
      message: expect.stringContaining('RANK(…) OVER (…) in a GROUP BY query is computed over its final groups, so it cannot be combined with EMIT CHANGES'),
    });
    await expect(rows('SELECT symbol FROM trades WHERE ROW_NUMBER() OVER (ORDER BY ts) = 1')).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
      message: 'ROW_NUMBER(…) OVER (…) is allowed only in the select list (window functions run after WHERE, GROUP BY and HAVING)',
    });
  });

  it('EMIT ON BUFFER FULL leaves out rows that arrive before the buffer is full', async () => {
    expect(
      await rows(
        'SELECT symbol, AVG(price) OVER (ROWS WINDOW BUFFER 2 ROWS PARTITION BY symbol ORDER BY ts EMIT ON BUFFER FULL) AS a FROM trades',
      ),
    ).toEqual([
      { symbol: 'AAPL', a: 150.75 },
      { symbol: 'GOOGL', a: 140.625 },
    ]);
  });
});

describe('OVER over a bounded input computes what a SQL engine computes, whatever the arrival order', () => {
  it('LAG, a running SUM with its peers, and RANK over rows that do not arrive in ORDER BY order', async () => {
    const { query } = await import('../../src/index.js');
    const items = [
      { k: 2, v: 20 },
      { k: 1, v: 10 },
      { k: 3, v: 30 },
      { k: 1, v: 11 },
    ];
    const out: Record<string, unknown>[] = [];
    for await (const row of query('SELECT k, v, LAG(v) OVER (ORDER BY k, v) AS prev, SUM(v) OVER (ORDER BY k) AS running, RANK() OVER (ORDER BY k) AS r FROM items', {
      sources: { items },
    })) {
      out.push(row);
    }
    expect(out).toEqual([
      { k: 2, v: 20, prev: 11, running: 41, r: 3 },
      { k: 1, v: 10, prev: null, running: 21, r: 1 },
      { k: 3, v: 30, prev: 20, running: 71, r: 4 },
      { k: 1, v: 11, prev: 10, running: 21, r: 1 },
    ]);
  });
});
