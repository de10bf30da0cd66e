import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/index.js';
import { queryAtEveryBatchSize } from '../batch-sizes.js';

const bids = [
  { auction: 1, price: 10, bidder: 'a' },
  { auction: 2, price: 5, bidder: 'b' },
  { auction: 1, price: 12, bidder: 'c' },
  { auction: 1, price: 12, bidder: 'd' },
  { auction: 2, price: null, bidder: 'e' },
  { auction: 2, price: 7, bidder: 'f' },
  { auction: 3, price: null, bidder: 'g' },
];

function rows(sql: string): Promise<ResultRow[]> {
  return queryAtEveryBatchSize(sql, { sources: { bids }, warn: () => undefined });
}

const ranked = '(SELECT auction, price, bidder, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC, bidder) AS rn FROM bids) ranked';

describe('a ROW_NUMBER filter over a derived table (Top-N per partition)', () => {
  it('keeps the first row of each partition, NULL prices last', async () => {
    expect(await rows(`SELECT auction, price, bidder FROM ${ranked} WHERE rn = 1`)).toEqual([
      { auction: 1, price: 12, bidder: 'c' },
      { auction: 2, price: 7, bidder: 'f' },
      { auction: 3, price: null, bidder: 'g' },
    ]);
  });

  it('gives the rows the same query gives without the limit (a filter the planner does not push down)', async () => {
    for (const n of [1, 2, 3]) {
      const limited = await rows(`SELECT auction, price, bidder, rn FROM ${ranked} WHERE rn <= ${n}`);
      const whole = await rows(`SELECT auction, price, bidder, rn FROM ${ranked} WHERE rn + 0 <= ${n}`);
      expect(limited).toEqual(whole);
      expect(limited.every((r) => (r['rn'] as number) <= n)).toBe(true);
    }
  });
});
