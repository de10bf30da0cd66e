import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/index.js';
import { atEveryBatchSize, queryAtEveryBatchSize } from '../batch-sizes.js';

const trades = [
  { symbol: 'A', qty: 1, ts: 0 },
  { symbol: 'B', qty: 2, ts: 10_000 },
  { symbol: 'A', qty: 3, ts: 59_999 },
  { symbol: 'A', qty: 4, ts: 60_000 },
  { symbol: 'B', qty: 5, ts: 125_000 },
];

/** The rows of `sql`, asserted identical at batch sizes 1, 7 and the default. */
function rows(sql: string, source: readonly Record<string, unknown>[] = trades): Promise<ResultRow[]> {
  return queryAtEveryBatchSize(sql, { sources: { trades: source }, warn: () => undefined });
}

describe('GROUP BY with a WINDOW', () => {
  it('closes tumbling windows in order and emits one row per window and group (EMIT FINAL)', async () => {
    expect(await rows('SELECT symbol, COUNT(*) AS n, SUM(qty) AS q, _window_start AS ws, _window_end AS we FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1m)')).toEqual([
      { symbol: 'A', n: 2, q: 4, ws: 0, we: 60_000 },
      { symbol: 'B', n: 1, q: 2, ws: 0, we: 60_000 },
      { symbol: 'A', n: 1, q: 4, ws: 60_000, we: 120_000 },
      { symbol: 'B', n: 1, q: 5, ws: 120_000, we: 180_000 },
    ]);
  });

  it('reads TUMBLE_START / TUMBLE_END of the time column as the bounds of the group\'s window (Velostream app_market_data)', async () => {
    expect(
      await rows(
        "SELECT symbol, TUMBLE_START(ts, INTERVAL '1' MINUTE) AS bs, TUMBLE_END(ts, INTERVAL '1' MINUTE) AS be, COUNT(*) AS n FROM trades GROUP BY symbol WINDOW TUMBLING(ts, INTERVAL '1' MINUTE)",
      ),
    ).toEqual([
      { symbol: 'A', bs: 0, be: 60_000, n: 2 },
      { symbol: 'B', bs: 0, be: 60_000, n: 1 },
      { symbol: 'A', bs: 60_000, be: 120_000, n: 1 },
      { symbol: 'B', bs: 120_000, be: 180_000, n: 1 },
    ]);
  });

  it('assigns each record to every epoch-aligned sliding window that contains it', async () => {
    expect(await rows('SELECT symbol, COUNT(*) AS n, SUM(qty) AS q, _window_start AS ws FROM trades GROUP BY symbol WINDOW SLIDING(ts, 2m, 1m)')).toEqual([
      { symbol: 'A', n: 2, q: 4, ws: -60_000 },
      { symbol: 'B', n: 1, q: 2, ws: -60_000 },
      { symbol: 'A', n: 3, q: 8, ws: 0 },
      { symbol: 'B', n: 1, q: 2, ws: 0 },
      { symbol: 'A', n: 1, q: 4, ws: 60_000 },
      { symbol: 'B', n: 1, q: 5, ws: 60_000 },
      { symbol: 'B', n: 1, q: 5, ws: 120_000 },
    ]);
  });

  it('splits sessions where the gap between events exceeds the gap, spanning first event to last + gap', async () => {
    expect(await rows('SELECT symbol, COUNT(*) AS n, SUM(qty) AS q, _window_start AS ws, _window_end AS we FROM trades GROUP BY symbol WINDOW SESSION(ts, 30s)')).toEqual([
      { symbol: 'A', n: 1, q: 1, ws: 0, we: 30_000 },
      { symbol: 'B', n: 1, q: 2, ws: 10_000, we: 40_000 },
      { symbol: 'A', n: 2, q: 7, ws: 59_999, we: 90_000 },
      { symbol: 'B', n: 1, q: 5, ws: 125_000, we: 155_000 },
    ]);
  });

  it('counts a record whose windows have all closed as late and leaves it out', async () => {
    const late = [
      { symbol: 'A', qty: 1, ts: 0 },
      { symbol: 'A', qty: 2, ts: 70_000 },
      { symbol: 'A', qty: 100, ts: 10_000 },
    ];
    expect(
      await rows(
        `SELECT symbol, SUM(qty) AS q, _window_start AS ws FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1m)
         WITH ('watermark.strategy' = 'ascending', 'max_batch_size' = '1')`,
        late,
      ),
    ).toEqual([
      { symbol: 'A', q: 1, ws: 0 },
      { symbol: 'A', q: 2, ws: 60_000 },
    ]);
  });
});

describe('sessions record by record', () => {
  it('merges a bridging event, re-queues extended sessions and drops an event whose session closed, at every batch size', async () => {
    const events = [
      { symbol: 'A', qty: 1, ts: 0 },
      { symbol: 'A', qty: 2, ts: 20_000 },
      { symbol: 'B', qty: 3, ts: 25_000 },
      // Extends A's session to 50 s + gap while its first end (0 + 30 s) is still queued.
      { symbol: 'A', qty: 4, ts: 50_000 },
      { symbol: 'A', qty: 5, ts: 120_000 },
      { symbol: 'A', qty: 6, ts: 170_000 },
      // Bridges A's sessions at 120 s and 170 s into one.
      { symbol: 'A', qty: 7, ts: 145_000 },
      // Far ahead: closes everything before it.
      { symbol: 'B', qty: 8, ts: 400_000 },
      // Minutes behind: A's session around it closed long ago.
      { symbol: 'A', qty: 100, ts: 60_000 },
    ];
    expect(
      await rows(
        `SELECT symbol, COUNT(*) AS n, SUM(qty) AS q, _window_start AS ws, _window_end AS we FROM trades GROUP BY symbol WINDOW SESSION(ts, 30s)
         WITH ('watermark.max_out_of_orderness' = '60s')`,
        events,
      ),
    ).toEqual([
      { symbol: 'B', n: 1, q: 3, ws: 25_000, we: 55_000 },
      { symbol: 'A', n: 3, q: 7, ws: 0, we: 80_000 },
      { symbol: 'A', n: 3, q: 18, ws: 120_000, we: 200_000 },
      { symbol: 'B', n: 1, q: 8, ws: 400_000, we: 430_000 },
    ]);
  });
});

describe('GROUP BY without a window', () => {
  it('emits the changed groups once the input has caught up, here at the end of the bounded input (EMIT CHANGES)', async () => {
    expect(await rows(`SELECT symbol, COUNT(*) AS n, SUM(qty) AS q FROM trades GROUP BY symbol WITH ('max_batch_size' = '2')`)).toEqual([
      { symbol: 'A', n: 3, q: 8 },
      { symbol: 'B', n: 2, q: 7 },
    ]);
  });

  it('emits each group once at the end of a bounded input with EMIT FINAL, filtered by HAVING on an alias', async () => {
    expect(await rows('SELECT symbol, SUM(qty) AS total FROM trades GROUP BY symbol HAVING total > 7 EMIT FINAL')).toEqual([{ symbol: 'A', total: 8 }]);
  });

  it('gives a global aggregate one row even over no input', async () => {
    expect(await rows('SELECT COUNT(*) AS n, SUM(qty) AS q FROM trades WHERE qty > 100')).toEqual([{ n: 0, q: null }]);
  });

  it('rejects a column that is neither grouped nor aggregated, at its position', async () => {
    await expect(rows('SELECT symbol, qty FROM trades GROUP BY symbol')).rejects.toMatchObject({
      code: 'SQL_BIND',
      message: "column 'qty' must appear in GROUP BY or inside an aggregate function",
      position: { line: 1, column: 16 },
    });
  });
});

describe('late records', () => {
  it('go to the late-data sink named by <source>.late.sink', async () => {
    const { createEngine, CollectingSink } = await import('../../src/index.js');
    const lateSink = new CollectingSink({ name: 'late' });
    const engine = await createEngine({
      sql: `CREATE STREAM totals AS SELECT symbol, SUM(qty) AS q FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1m)
            WITH ('watermark.strategy' = 'ascending', 'max_batch_size' = '1', 'trades.late.sink' = 'late',
                  'late.type' = 'file_sink', 'late.path' = '/dev/null', 'totals.type' = 'file_sink', 'totals.path' = '/dev/null');`,
      sources: { trades: [{ symbol: 'A', qty: 1, ts: 0 }, { symbol: 'A', qty: 2, ts: 70_000 }, { symbol: 'A', qty: 100, ts: 10_000 }] },
      sinks: { late: lateSink },
      warn: () => undefined,
    });
    const summary = await engine.run();
    expect(summary.ok).toBe(true);
    expect(summary.jobs[0]).toMatchObject({ recordsIn: 3, lateRecords: 1 });
    expect(lateSink.rows).toEqual([{ symbol: 'A', qty: 100, ts: 10_000 }]);
  });
});

describe('late data at every batch size', () => {
  const readings = [
    'sensor,v,ts',
    's1,1,2024-01-01T00:00:10',
    's1,2,2024-01-01T00:00:50',
    's1,3,2024-01-01T00:01:30',
    // A straggler 4 s behind the newest reading: within the 5 s out-of-orderness, it still counts.
    's1,4,2024-01-01T00:01:26',
    's1,5,2024-01-01T00:03:10',
    // Minutes behind: its window [00:00, 00:01) closed long ago.
    's1,100,2024-01-01T00:00:20',
    's1,6,2024-01-01T00:03:20',
  ].join('\n');

  async function run(batchSize: number | undefined, lateSink: boolean) {
    const { createEngine, CollectingSink } = await import('../../src/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'velo-late-'));
    writeFileSync(join(dir, 'readings.csv'), `${readings}\n`);
    const out = new CollectingSink({ name: 'totals' });
    const late = new CollectingSink({ name: 'late' });
    const lateKeys = lateSink ? `, 'readings.late.sink' = 'late', 'late.type' = 'file_sink', 'late.path' = '/dev/null'` : '';
    const engine = await createEngine({
      sql: `CREATE STREAM totals AS SELECT sensor, COUNT(*) AS n, SUM(v) AS total, _window_start AS ws FROM readings
              GROUP BY sensor WINDOW TUMBLING(ts, 1m)
            WITH ('readings.type' = 'file_source', 'readings.path' = 'readings.csv', 'totals.type' = 'file_sink', 'totals.path' = '/dev/null'${lateKeys});`,
      baseDir: dir,
      sinks: { totals: out, late },
      batchSize,
      warn: () => undefined,
    });
    const summary = await engine.run();
    expect(summary.ok).toBe(true);
    return { totals: out.rows, lateRecords: summary.jobs[0]!.lateRecords, lateRows: late.rows.map((r) => String(r['v'])) };
  }

  it('drops and counts a record minutes behind the watermark, and keeps a straggler within the bound', async () => {
    const result = await atEveryBatchSize((size) => run(size, false));
    expect(result.totals.map((r) => [String(r['total']), r['n'], r['ws']])).toEqual([
      ['3', 2, 1704067200000],
      ['7', 2, 1704067260000],
      ['11', 2, 1704067380000],
    ]);
    expect(result.lateRecords).toBe(1);
    expect(result.lateRows).toEqual([]);
  });

  it("sends it to '<source>.late.sink' when one is configured", async () => {
    const result = await atEveryBatchSize((size) => run(size, true));
    expect(result.lateRecords).toBe(1);
    expect(result.lateRows).toEqual(['100']);
  });
});

describe('EMIT CHANGES with a window', () => {
  it('emits a window group’s pending change when its window closes, and the rest at the end, at every batch size', async () => {
    expect(
      await rows(
        `SELECT symbol, COUNT(*) AS n, _window_start AS ws FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1m) EMIT CHANGES
         WITH ('watermark.strategy' = 'ascending')`,
      ),
    ).toEqual([
      { symbol: 'A', n: 2, ws: 0 },
      { symbol: 'B', n: 1, ws: 0 },
      { symbol: 'A', n: 1, ws: 60_000 },
      { symbol: 'B', n: 1, ws: 120_000 },
    ]);
  });
});
