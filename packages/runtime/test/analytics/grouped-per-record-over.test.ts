import { describe, expect, it } from 'vitest';
import { query, type ResultRow } from '../../src/index.js';

/** Two symbols; A's 5th and 7th rows fall in the second minute. */
const trades = [
  { symbol: 'A', volume: 10, ts: 0 },
  { symbol: 'A', volume: 20, ts: 20_000 },
  { symbol: 'B', volume: 5, ts: 30_000 },
  { symbol: 'A', volume: 30, ts: 50_000 },
  { symbol: 'A', volume: 40, ts: 70_000 },
  { symbol: 'B', volume: 15, ts: 80_000 },
  { symbol: 'A', volume: 10, ts: 110_000 },
];

/** The rows of `sql` at batch size 1, asserted identical at batch size 4096. */
async function rows(sql: string): Promise<ResultRow[]> {
  const outputs: ResultRow[][] = [];
  for (const batchSize of [1, 4096]) {
    const out: ResultRow[] = [];
    for await (const row of query(sql, { sources: { trades }, batchSize, warn: () => undefined })) out.push(row);
    outputs.push(out);
  }
  expect(outputs[1]).toEqual(outputs[0]);
  return outputs[0]!;
}

const BUFFER_3 = 'OVER (ROWS WINDOW BUFFER 3 ROWS PARTITION BY symbol ORDER BY ts)';
const PER_RECORD = `AVG(volume) ${BUFFER_3} AS r_avg, STDDEV_POP(volume) ${BUFFER_3} AS r_sd,
  PERCENT_RANK() OVER (ROWS WINDOW BUFFER 5 ROWS PARTITION BY symbol ORDER BY volume) AS pr`;

// Per record (A): r_avg/r_sd over its last 3 rows, pr = rank of its volume among the last 5 rows.
//   ts 0 → 10, 0, 0 · 20 s → 15, 5, 1 · 50 s → 20, √(200/3), 1 · 70 s → 30, √(200/3), 1 · 110 s → 80/3, √(1400/9), 0
// (B): 30 s → 5, 0, 0 · 80 s → 10, 5, 1. A group's row carries its latest record's values.
const SD_3 = Math.sqrt(200 / 3);
const SD_A_LAST = Math.sqrt(1400 / 9);

describe('OVER over input columns in a GROUP BY query: computed per record, the group keeps its latest', () => {
  it('a tumbling window (EMIT FINAL): each window takes its last record', async () => {
    const out = await rows(`SELECT symbol, _window_start AS ws, COUNT(*) AS n, AVG(volume) AS avg_v, ${PER_RECORD}
                            FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1m)`);
    expect(out).toEqual([
      { symbol: 'A', ws: 0, n: 3, avg_v: 20, r_avg: 20, r_sd: SD_3, pr: 1 },
      { symbol: 'B', ws: 0, n: 1, avg_v: 5, r_avg: 5, r_sd: 0, pr: 0 },
      { symbol: 'A', ws: 60_000, n: 2, avg_v: 25, r_avg: 80 / 3, r_sd: SD_A_LAST, pr: 0 },
      { symbol: 'B', ws: 60_000, n: 1, avg_v: 15, r_avg: 10, r_sd: 5, pr: 1 },
    ]);
  });

  it('a sliding window with EMIT CHANGES (the Velostream demo shape): each window its own last record', async () => {
    const out = await rows(`SELECT symbol, _window_start AS ws, COUNT(*) AS n, ${PER_RECORD}
                            FROM trades GROUP BY symbol WINDOW SLIDING(ts, 2m, 1m) EMIT CHANGES`);
    expect(out).toEqual([
      { symbol: 'A', ws: -60_000, n: 3, r_avg: 20, r_sd: SD_3, pr: 1 },
      { symbol: 'B', ws: -60_000, n: 1, r_avg: 5, r_sd: 0, pr: 0 },
      { symbol: 'A', ws: 0, n: 5, r_avg: 80 / 3, r_sd: SD_A_LAST, pr: 0 },
      { symbol: 'B', ws: 0, n: 2, r_avg: 10, r_sd: 5, pr: 1 },
      { symbol: 'A', ws: 60_000, n: 2, r_avg: 80 / 3, r_sd: SD_A_LAST, pr: 0 },
      { symbol: 'B', ws: 60_000, n: 1, r_avg: 10, r_sd: 5, pr: 1 },
    ]);
  });

  it('no window, EMIT CHANGES: the current state of each group holds its latest record\'s value', async () => {
    const out = await rows(`SELECT symbol, COUNT(*) AS n, AVG(volume) ${BUFFER_3} AS r_avg FROM trades GROUP BY symbol EMIT CHANGES`);
    expect(out).toEqual([
      { symbol: 'A', n: 5, r_avg: 80 / 3 },
      { symbol: 'B', n: 2, r_avg: 10 },
    ]);
  });

  it('keeps ranking over the final groups when the OVER reads aggregates, next to a per-record call', async () => {
    const out = await rows(`SELECT symbol, SUM(volume) AS total, RANK() OVER (ORDER BY SUM(volume) DESC) AS r,
                                   LAG(volume) ${BUFFER_3} AS prev_volume
                            FROM trades GROUP BY symbol EMIT FINAL`);
    expect(out).toEqual([
      { symbol: 'A', total: 110, r: 1, prev_volume: 40 },
      { symbol: 'B', total: 20, r: 2, prev_volume: 5 },
    ]);
  });
});
