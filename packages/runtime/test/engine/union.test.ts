import { describe, expect, it } from 'vitest';
import { query, type ResultRow } from '../../src/index.js';
import { atEveryBatchSize } from '../batch-sizes.js';

const east = [
  { symbol: 'A', qty: 1 },
  { symbol: 'B', qty: 2 },
];
const west = [
  { symbol: 'B', qty: 2 },
  { symbol: 'C', qty: 3.5 },
];

async function sorted(sql: string): Promise<ResultRow[]> {
  return atEveryBatchSize(async (batchSize) => {
    const out: ResultRow[] = [];
    for await (const row of query(sql, { sources: { east, west }, warn: () => undefined, batchSize })) out.push(row);
    return out.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  });
}

describe('UNION', () => {
  it('UNION ALL keeps every row of every branch, typed by the common type of each column', async () => {
    expect(await sorted('SELECT symbol, qty FROM east UNION ALL SELECT symbol, qty FROM west')).toEqual([
      { symbol: 'A', qty: 1 },
      { symbol: 'B', qty: 2 },
      { symbol: 'B', qty: 2 },
      { symbol: 'C', qty: 3.5 },
    ]);
  });

  it('UNION keeps each distinct row once and names columns after the first branch', async () => {
    expect(await sorted('SELECT symbol AS s FROM east UNION SELECT symbol FROM west WHERE qty > 1')).toEqual([{ s: 'A' }, { s: 'B' }, { s: 'C' }]);
  });

  it('rejects branches with different column counts', async () => {
    await expect(sorted('SELECT symbol, qty FROM east UNION ALL SELECT symbol FROM west')).rejects.toMatchObject({
      code: 'SQL_BIND',
      message: 'UNION branch 2 has 1 columns but the first has 2',
    });
  });
});

describe('windows over a UNION of two streams', () => {
  it('keep a watermark per branch: one branch racing ahead does not make the other late, at any batch size', async () => {
    // Each branch is in order on its own (ascending: no out-of-orderness allowed); their interleaving is not.
    const east = Array.from({ length: 40 }, (_, i) => ({ k: 'e', ts: i * 1_000 }));
    const west = Array.from({ length: 40 }, (_, i) => ({ k: 'w', ts: i * 1_000 + 500 }));
    const sql = `CREATE STREAM both_sides AS SELECT k, ts FROM east UNION ALL SELECT k, ts FROM west;
                 SELECT k, COUNT(*) AS n, _window_start AS ws FROM both_sides GROUP BY k WINDOW TUMBLING(ts, 10s)
                 WITH ('watermark.strategy' = 'ascending');`;
    const rows = await atEveryBatchSize(async (batchSize) => {
      const out: ResultRow[] = [];
      for await (const row of query(sql, { sources: { east, west }, warn: () => undefined, batchSize })) out.push(row);
      return out.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    });
    expect(rows).toEqual(
      [0, 10_000, 20_000, 30_000].flatMap((ws) => [
        { k: 'e', n: 10, ws },
        { k: 'w', n: 10, ws },
      ]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });
});
