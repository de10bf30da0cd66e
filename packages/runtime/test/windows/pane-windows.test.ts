import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/index.js';
import { queryAtEveryBatchSize } from '../batch-sizes.js';

/** Deterministic out-of-order events: keys a–e, times drifting forward with jitter up to 9 s back (some late). */
function events(count: number): Record<string, unknown>[] {
  let seed = 11;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const v = random() < 0.1 ? null : Math.floor(random() * 1000) - 200;
    out.push({ k: 'abcde'[Math.floor(random() * 5)], v, ts: i * 300 - Math.floor(random() * 9000) });
  }
  return out;
}

function run(sql: string, rows: readonly Record<string, unknown>[]): Promise<ResultRow[]> {
  return queryAtEveryBatchSize(sql, { sources: { t: rows }, warn: () => undefined });
}

const windowed = (extra: string): string =>
  `SELECT k, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS s, MIN(v) AS lo, MAX(v) AS hi, AVG(v) AS a, _window_start AS ws, _window_end AS we${extra}
   FROM t GROUP BY k WINDOW SLIDING(ts, 10s, 2s) EMIT FINAL WITH ('watermark.max_out_of_orderness' = '3s')`;

describe('sliding windows kept as panes', () => {
  it('give the rows, row order and late records of one state per window, at every batch size', async () => {
    const input = events(600);
    // STRING_AGG depends on arrival order, so that query keeps one state per window: the reference.
    const reference = await run(windowed(", STRING_AGG(CAST(v AS STRING), ',') AS trail"), input);
    const paned = await run(windowed(''), input);
    expect(reference.length).toBeGreaterThan(300);
    expect(paned).toEqual(reference.map(({ trail: _trail, ...row }) => row));
  });

  it('emit a window per key only where a record reached it while it was open', async () => {
    const input = [
      { k: 'a', v: 1, ts: 0 },
      { k: 'b', v: 2, ts: 1_000 },
      { k: 'a', v: 3, ts: 9_000 },
      { k: 'a', v: 4, ts: 30_000 },
      // Every window containing 5 s closed when 30 s arrived: late.
      { k: 'b', v: 100, ts: 5_000 },
    ];
    expect(await run('SELECT k, COUNT(*) AS n, SUM(v) AS s, _window_start AS ws FROM t GROUP BY k WINDOW SLIDING(ts, 4s, 2s)', input)).toEqual([
      { k: 'a', n: 1, s: 1, ws: -2_000 },
      { k: 'b', n: 1, s: 2, ws: -2_000 },
      { k: 'a', n: 1, s: 1, ws: 0 },
      { k: 'b', n: 1, s: 2, ws: 0 },
      { k: 'a', n: 1, s: 3, ws: 6_000 },
      { k: 'a', n: 1, s: 3, ws: 8_000 },
      { k: 'a', n: 1, s: 4, ws: 28_000 },
      { k: 'a', n: 1, s: 4, ws: 30_000 },
    ]);
  });
});
