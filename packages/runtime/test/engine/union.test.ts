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
