import { describe, expect, it } from 'vitest';
import { query, type ResultRow } from '../../src/index.js';

const orders = [
  { id: 1, customer: 'ann', amount: 10 },
  { id: 2, customer: 'bob', amount: 25 },
  { id: 3, customer: 'cid', amount: 40 },
  { id: 4, customer: null, amount: 5 },
];
const vip = [{ name: 'ann' }, { name: 'cid' }];
const limits = [{ max_amount: 30 }];

async function rows(sql: string): Promise<ResultRow[]> {
  const out: ResultRow[] = [];
  for await (const row of query(sql, { sources: { orders, vip, limits }, warn: () => undefined })) out.push(row);
  return out;
}

describe('subqueries over a TABLE', () => {
  it('filters with IN (SELECT …) and NOT IN, three-valued for a NULL operand', async () => {
    expect(await rows('SELECT id FROM orders WHERE customer IN (SELECT name FROM vip)')).toEqual([{ id: 1 }, { id: 3 }]);
    expect(await rows('SELECT id FROM orders WHERE customer NOT IN (SELECT name FROM vip)')).toEqual([{ id: 2 }]);
  });

  it('compares with a scalar subquery, also in the select list', async () => {
    expect(await rows('SELECT id, amount - (SELECT max_amount FROM limits) AS excess FROM orders WHERE amount > (SELECT max_amount FROM limits)')).toEqual([
      { id: 3, excess: 10 },
    ]);
  });

  it('evaluates EXISTS and op ANY / ALL', async () => {
    expect(await rows("SELECT COUNT(*) AS n FROM orders WHERE EXISTS (SELECT 1 FROM vip WHERE name = 'ann') EMIT FINAL")).toEqual([{ n: 4 }]);
    expect(await rows("SELECT COUNT(*) AS n FROM orders WHERE NOT EXISTS (SELECT 1 FROM vip WHERE name = 'zed') EMIT FINAL")).toEqual([{ n: 4 }]);
    expect(await rows('SELECT id FROM orders WHERE amount >= ALL (SELECT amount FROM orders WHERE id <= 2)')).toEqual([{ id: 2 }, { id: 3 }]);
    expect(await rows('SELECT id FROM orders WHERE amount < ANY (SELECT max_amount FROM limits)')).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }]);
  });

  it('rejects a subquery with two columns where one is needed', async () => {
    await expect(rows('SELECT id FROM orders WHERE customer IN (SELECT name, name FROM vip)')).rejects.toMatchObject({
      code: 'SQL_BIND',
      message: 'the subquery must return one column, it returns 2',
    });
  });
});
