import { describe, expect, it } from 'vitest';
import { CollectingSink, createEngine, query, type ResultRow } from '../../src/index.js';

const orders = [
  { id: 1, customer: 'ann', amount: 10, ts: 1_000 },
  { id: 2, customer: 'bob', amount: 25, ts: 2_000 },
  { id: 3, customer: 'ann', amount: 40, ts: 3_000 },
  { id: 4, customer: null, amount: 5, ts: 4_000 },
  { id: 5, customer: 'cid', amount: 15, ts: 5_000 },
];
const customers = [
  { name: 'ann', tier: 'gold', credit: 30 },
  { name: 'bob', tier: 'silver', credit: 20 },
  { name: 'bob', tier: 'gold', credit: 50 },
  { name: 'dee', tier: 'silver', credit: null },
];
const regions = [{ region: 'eu' }, { region: 'us' }];

async function rows(sql: string): Promise<ResultRow[]> {
  const out: ResultRow[] = [];
  for await (const row of query(sql, { sources: { orders, customers, regions }, warn: () => undefined })) out.push(row);
  return out;
}

describe('JOIN(sep, …) and typed literals', () => {
  it('joins strings with JOIN(…) and reads DATE, TIMESTAMP and TIME literals with their types', async () => {
    expect(await rows("SELECT JOIN('/', customer, tier) AS j, DATE '2024-01-02' AS d, TIMESTAMP '2024-01-01 00:00:01.5' AS t, TIME '10:11:12' AS tm FROM orders o JOIN customers c ON o.customer = c.name WHERE o.id = 1")).toEqual([
      { j: 'ann/gold', d: 19_724, t: 1_704_067_201_500, tm: '10:11:12' },
    ]);
  });
});

describe('derived tables', () => {
  it('reads a subquery in FROM as its input', async () => {
    expect(await rows('SELECT x.id, x.doubled FROM (SELECT id, amount * 2 AS doubled FROM orders WHERE amount > 9) AS x WHERE x.doubled < 60 ORDER BY id')).toEqual([
      { id: 1, doubled: 20 },
      { id: 2, doubled: 50 },
      { id: 5, doubled: 30 },
    ]);
  });

  it('joins a subquery with every row it produced, and an aggregate subquery with its final rows', async () => {
    expect(await rows("SELECT o.id, c.credit FROM orders o JOIN (SELECT name, credit FROM customers WHERE credit > 10) c ON o.customer = c.name ORDER BY id, credit")).toEqual([
      { id: 1, credit: 30 },
      { id: 2, credit: 20 },
      { id: 2, credit: 50 },
      { id: 3, credit: 30 },
    ]);
    expect(await rows('SELECT o.id, t.total FROM orders o LEFT JOIN (SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer) AS t ON o.customer = t.customer ORDER BY id')).toEqual([
      { id: 1, total: 50 },
      { id: 2, total: 25 },
      { id: 3, total: 50 },
      { id: 4, total: null },
      { id: 5, total: 15 },
    ]);
  });
});

describe('CROSS JOIN', () => {
  it('pairs every record with every table row', async () => {
    expect(await rows('SELECT o.id, r.region FROM orders o CROSS JOIN regions r WHERE o.id <= 2 ORDER BY id, region')).toEqual([
      { id: 1, region: 'eu' },
      { id: 1, region: 'us' },
      { id: 2, region: 'eu' },
      { id: 2, region: 'us' },
    ]);
  });
});

describe('named windows', () => {
  it('computes OVER w and OVER (w frame) over the named spec', async () => {
    expect(
      await rows('SELECT id, SUM(amount) OVER w AS running, SUM(amount) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS last2 FROM orders WHERE customer IS NOT NULL WINDOW w AS (ORDER BY ts)'),
    ).toEqual([
      { id: 1, running: 10, last2: 10 },
      { id: 2, running: 35, last2: 35 },
      { id: 3, running: 75, last2: 65 },
      { id: 5, running: 90, last2: 55 },
    ]);
  });
});

describe('correlated subqueries over a table', () => {
  it('filters with EXISTS and NOT EXISTS (NULL keys match nothing)', async () => {
    expect(await rows("SELECT id FROM orders o WHERE EXISTS (SELECT 1 FROM customers c WHERE c.name = o.customer AND c.tier = 'gold')")).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(await rows('SELECT id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.name = o.customer)')).toEqual([{ id: 4 }, { id: 5 }]);
  });

  it('evaluates [NOT] IN three-valued: a NULL among the values makes a miss NULL', async () => {
    expect(
      await rows("SELECT id, amount - 10 IN (SELECT c.credit FROM customers c WHERE c.name = o.customer) AS hit, amount - 5 NOT IN (SELECT c.credit FROM customers c WHERE c.tier = 'silver' AND o.id > 0) AS miss FROM orders o"),
    ).toEqual([
      { id: 1, hit: false, miss: null },
      { id: 2, hit: false, miss: false },
      { id: 3, hit: true, miss: null },
      { id: 4, hit: false, miss: null },
      { id: 5, hit: false, miss: null },
    ]);
    expect(await rows("SELECT id FROM orders o WHERE 'gold' IN (SELECT c.tier FROM customers c WHERE c.name = o.customer)")).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('computes a scalar subquery per record: aggregates over no rows give COUNT 0 and SUM NULL', async () => {
    expect(await rows('SELECT id, (SELECT COUNT(*) FROM customers c WHERE c.name = o.customer) AS n, (SELECT SUM(c.credit) FROM customers c WHERE c.credit < o.amount) AS below FROM orders o')).toEqual([
      { id: 1, n: 1, below: null },
      { id: 2, n: 2, below: 20 },
      { id: 3, n: 1, below: 50 },
      { id: 4, n: 0, below: null },
      { id: 5, n: 0, below: null },
    ]);
  });

  it('reads the enclosing table by its name when the subquery aliases the same table', async () => {
    expect(await rows('SELECT id FROM orders WHERE amount > (SELECT AVG(o2.amount) FROM orders o2 WHERE o2.customer = orders.customer)')).toEqual([{ id: 3 }]);
  });

  it('evaluates a correlated EXISTS in the ON of an inner join (as WHERE would)', async () => {
    expect(
      await rows("SELECT o.id, r.region FROM orders o JOIN regions r ON r.region = 'eu' AND EXISTS (SELECT 1 FROM customers c WHERE c.name = o.customer AND c.credit > o.amount)"),
    ).toEqual([
      { id: 1, region: 'eu' },
      { id: 2, region: 'eu' },
    ]);
  });

  it('keeps the rows the subquery\'s ORDER BY and LIMIT select (the latest-value idiom)', async () => {
    expect(
      await rows(
        'SELECT id, (SELECT c.tier FROM customers c WHERE c.name = o.customer ORDER BY c.credit DESC LIMIT 1) AS best_tier, ' +
          'EXISTS (SELECT 1 FROM customers c WHERE c.name = o.customer LIMIT 1) AS known, ' +
          '(SELECT c.credit FROM customers c WHERE c.credit >= o.amount ORDER BY c.credit NULLS FIRST LIMIT 1) AS next_credit FROM orders o',
      ),
    ).toEqual([
      { id: 1, best_tier: 'gold', known: true, next_credit: 20 },
      { id: 2, best_tier: 'gold', known: true, next_credit: 30 },
      { id: 3, best_tier: 'gold', known: true, next_credit: 50 },
      { id: 4, best_tier: null, known: false, next_credit: 20 },
      { id: 5, best_tier: null, known: false, next_credit: 20 },
    ]);
  });

  it('compares with op ANY / ALL over the rows a record selects', async () => {
    // ALL over no rows is TRUE (ids 4 and 5 have no customer rows).
    expect(await rows('SELECT id FROM orders o WHERE o.amount < ALL (SELECT c.credit FROM customers c WHERE c.name = o.customer)')).toEqual([{ id: 1 }, { id: 4 }, { id: 5 }]);
    expect(await rows('SELECT id FROM orders o WHERE o.amount > ANY (SELECT c.credit FROM customers c WHERE c.name = o.customer)')).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it('reads a TABLE of the app as its latest row per key, not the changelog its stream carries', async () => {
    const sink = new CollectingSink({ name: 'results' });
    const engine = await createEngine({
      sql: `CREATE TABLE totals AS SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer WITH ('max_batch_size' = '1');
            SELECT id, (SELECT t.total FROM totals t WHERE t.customer = o.customer) AS total,
                   (SELECT COUNT(*) FROM totals t WHERE t.customer = o.customer) AS versions
            FROM orders o ORDER BY id;`,
      sources: { orders },
      resultSink: () => sink,
      warn: () => undefined,
    });
    expect((await engine.run()).ok).toBe(true);
    expect(sink.rows as ResultRow[]).toEqual([
      { id: 1, total: 50, versions: 1 },
      { id: 2, total: 25, versions: 1 },
      { id: 3, total: 50, versions: 1 },
      { id: 4, total: null, versions: 0 },
      { id: 5, total: 15, versions: 1 },
    ]);
  });

  it('sends a record whose scalar subquery returns two rows to the failure path, and keeps the others', async () => {
    const warnings: string[] = [];
    const out: ResultRow[] = [];
    const sql = "SELECT id, (SELECT c.tier FROM customers c WHERE c.name = o.customer) AS tier FROM orders o WITH ('failure_strategy' = 'LogAndContinue')";
    for await (const row of query(sql, { sources: { orders, customers }, warn: (m) => warnings.push(m) })) out.push(row);
    expect(out).toEqual([
      { id: 1, tier: 'gold' },
      { id: 3, tier: 'gold' },
      { id: 4, tier: null },
      { id: 5, tier: null },
    ]);
    expect(warnings.join('\n')).toContain('a scalar subquery returned 2 rows for this record; it must return at most one');
  });
});
