import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/index.js';
import { queryAtEveryBatchSize } from '../batch-sizes.js';

const trades = [
  { symbol: 'A', qty: 1, ts: 0 },
  { symbol: 'B', qty: 2, ts: 10_000 },
  { symbol: 'A', qty: 3, ts: 59_999 },
  { symbol: 'A', qty: 4, ts: 60_000 },
];

function rows(sql: string): Promise<ResultRow[]> {
  return queryAtEveryBatchSize(sql, { sources: { trades }, warn: () => undefined });
}

describe('TUMBLE_START / TUMBLE_END of the time column in a windowed GROUP BY', () => {
  it("give the emitted window's bounds (Velostream's TUMBLE_END(_event_time, INTERVAL '1' MINUTE) AS analysis_time)", async () => {
    expect(
      await rows(`SELECT symbol, SUM(qty) AS q, TUMBLE_START(ts, INTERVAL '1' MINUTE) AS bucket_start, TUMBLE_END(ts, INTERVAL '1' MINUTE) AS bucket_end
                  FROM trades GROUP BY symbol WINDOW TUMBLING(ts, INTERVAL '1' MINUTE)`),
    ).toEqual([
      { symbol: 'A', q: 4, bucket_start: 0, bucket_end: 60_000 },
      { symbol: 'B', q: 2, bucket_start: 0, bucket_end: 60_000 },
      { symbol: 'A', q: 4, bucket_start: 60_000, bucket_end: 120_000 },
    ]);
  });

  it('stay an error without a WINDOW clause, where the column is neither a key nor aggregated', async () => {
    await expect(rows("SELECT symbol, TUMBLE_END(ts, INTERVAL '1' MINUTE) AS e FROM trades GROUP BY symbol")).rejects.toMatchObject({
      code: 'SQL_BIND',
      message: "column 'ts' must appear in GROUP BY or inside an aggregate function",
    });
  });
});
