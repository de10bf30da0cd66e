import { Schema, SqlTypes, decimalType } from '@velots/core';
import { parse } from '@velots/sql-parser';
import { describe, expect, it } from 'vitest';
import { AppPlanner, type JobPlan, type PhysicalNode } from '../../src/index.js';

const trades = Schema.of(['symbol', SqlTypes.STRING], ['price', decimalType(10, 2)], ['quantity', SqlTypes.BIGINT], ['ts', SqlTypes.TIMESTAMP]);
const WITH = `WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv', 'top.type' = 'file_sink', 'top.path' = 'top.jsonl')`;

async function jobOf(sql: string): Promise<JobPlan> {
  const planner = new AppPlanner(parse(sql, { file: 'app.sql' }), { file: 'app.sql', env: {}, resolveSource: async () => trades });
  const [plan] = await planner.planAll();
  if (plan?.kind !== 'job') throw new Error('expected a job');
  return plan.job;
}

/** The `rowNumberLimit` of the Analytic node of the job's derived table (undefined when none was set). */
async function limitOf(select: string): Promise<number | undefined> {
  const job = await jobOf(`CREATE STREAM top AS ${select} ${WITH};`);
  const find = (node: PhysicalNode): number | undefined =>
    node.kind === 'Analytic' ? node.rowNumberLimit : node.kind === 'Scan' ? undefined : find(node.input);
  const limits = job.branches.map((b) => find(b.root));
  expect(limits).toHaveLength(1);
  return limits[0];
}

const ranked = (over = 'PARTITION BY symbol ORDER BY price DESC', extra = '') =>
  `(SELECT symbol, price, ts, ROW_NUMBER() OVER (${over}) AS rn${extra} FROM trades) ranked`;

describe('a ROW_NUMBER filter over a derived table limits the rows each partition keeps', () => {
  it('takes rn = 1, rn <= n, rn < n, n >= rn and rn BETWEEN a AND n', async () => {
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()} WHERE rn = 1`)).toBe(1);
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()} WHERE rn <= 10`)).toBe(10);
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()} WHERE rn < 3`)).toBe(2);
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()} WHERE 5 >= rn`)).toBe(5);
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()} WHERE rn BETWEEN 2 AND 4`)).toBe(4);
  });

  it('keeps the reader filter as it was', async () => {
    const job = await jobOf(`CREATE STREAM top AS SELECT symbol, price FROM ${ranked()} WHERE rn = 1 ${WITH};`);
    expect(job.root.kind).toBe('FilterProject');
    expect(job.root.kind === 'FilterProject' && job.root.predicate?.kind).toBe('Comparison');
  });

  it('leaves the derived table alone when the filter keeps rows past n or is not the whole WHERE', async () => {
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()} WHERE rn > 1`)).toBeUndefined();
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()} WHERE rn <> 1`)).toBeUndefined();
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()} WHERE rn = 1 OR price > 10`)).toBeUndefined();
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()} WHERE rn = 1 AND price > 10`)).toBeUndefined();
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()} WHERE rn = 0`)).toBeUndefined();
    expect(await limitOf(`SELECT symbol, price FROM ${ranked()}`)).toBeUndefined();
  });

  it('leaves it alone when the number is not a lone ROW_NUMBER of a plain OVER', async () => {
    const rank = `(SELECT symbol, price, RANK() OVER (PARTITION BY symbol ORDER BY price DESC) AS rn FROM trades) ranked`;
    expect(await limitOf(`SELECT symbol, price FROM ${rank} WHERE rn = 1`)).toBeUndefined();
    // Another call over the partition would see fewer rows.
    expect(await limitOf(`SELECT symbol, price FROM ${ranked(undefined, ', COUNT(*) OVER (PARTITION BY symbol ORDER BY price DESC) AS n')} WHERE rn = 1`)).toBeUndefined();
    // A buffer evicts by arrival, which renumbers the rows it keeps.
    expect(await limitOf(`SELECT symbol, price FROM ${ranked('ROWS WINDOW BUFFER 5 ROWS PARTITION BY symbol ORDER BY price DESC')} WHERE rn = 1`)).toBeUndefined();
    // A filter on another column of the derived table.
    expect(await limitOf(`SELECT symbol, price FROM (SELECT symbol, price, quantity AS rn, ROW_NUMBER() OVER (ORDER BY ts) AS r FROM trades) x WHERE rn = 1`)).toBeUndefined();
  });
});
