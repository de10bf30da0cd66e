import { describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { expectRestoresExactly, planRun, snapshotIsolated } from '../checkpoint/operator-harness.js';

/** Deterministic events: keys (with NULLs), decimal prices, bigints past 2^53, times drifting forward with jitter (some late). */
function events(count: number): Record<string, unknown>[] {
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const k = random() < 0.1 ? null : 'abcd'[Math.floor(random() * 4)];
    out.push({
      k,
      r: Math.floor(random() * 3),
      price: Decimal.parse(`${Math.floor(random() * 100000) - 20000}.${String(Math.floor(random() * 100)).padStart(2, '0')}`),
      big: 2n ** 55n + BigInt(Math.floor(random() * 1000)),
      v: random() < 0.1 ? null : Math.floor(random() * 1000) - 200,
      ts: i * 700 - Math.floor(random() * 9000),
    });
  }
  return out;
}

const input = events(120);
const cuts = [1, 17, 45, 60, 88, 119];

describe('windowed and GROUP BY aggregates restore from a checkpoint exactly', () => {
  it('GROUP BY EMIT CHANGES (decimals, bigints past 2^53, NULL and multi-column keys, changes pending at the cut)', async () => {
    const run = await planRun(
      'SELECT k, r, COUNT(*) AS n, SUM(price) AS p, SUM(big) AS b, MIN(v) AS lo, AVG(v) AS a, STRING_AGG(CAST(v AS STRING), \',\') AS trail FROM t GROUP BY k, r EMIT CHANGES',
      { t: input },
    );
    const out = await expectRestoresExactly(run, cuts, new Set([10, 30, 50, 70, 100]));
    expect(out.out.length).toBeGreaterThan(20);
  });
});

const windowed = (window: string, emit = 'FINAL', extra = ''): string =>
  `SELECT k, COUNT(*) AS n, SUM(price) AS p, SUM(big) AS b, SUM(v) AS s, MAX(v) AS hi, AVG(price) AS ap, _window_start AS ws, _window_end AS we${extra}
   FROM t GROUP BY k WINDOW ${window} EMIT ${emit} WITH ('watermark.max_out_of_orderness' = '3s')`;

describe('window operators restore open windows, late records and pending changes exactly', () => {
  it('tumbling EMIT FINAL, cut inside open windows, with late records', async () => {
    const out = await expectRestoresExactly(await planRun(windowed('TUMBLING(ts, 10s)'), { t: input }), cuts);
    expect(out.late.length).toBeGreaterThan(3);
    expect(out.out.length).toBeGreaterThan(20);
  });

  it('tumbling EMIT CHANGES with changes pending at the cut', async () => {
    await expectRestoresExactly(await planRun(windowed('TUMBLING(ts, 10s)', 'CHANGES'), { t: input }), cuts, new Set([5, 20, 44, 61, 90]));
  });

  it('sliding kept as panes (size a multiple of the hop)', async () => {
    const out = await expectRestoresExactly(await planRun(windowed('SLIDING(ts, 10s, 2s)'), { t: input }), cuts);
    expect(out.out.length).toBeGreaterThan(100);
  });

  it('sliding with one state per window (an arrival-order aggregate) and a hop that does not divide the size', async () => {
    await expectRestoresExactly(await planRun(windowed('SLIDING(ts, 10s, 3s)', 'FINAL', ", STRING_AGG(CAST(v AS STRING), ',') AS trail"), { t: input }), cuts);
    await expectRestoresExactly(await planRun(windowed('SLIDING(ts, 10s, 2s)', 'CHANGES'), { t: input }), cuts, new Set([12, 47, 80]));
  });

  it('session windows, cut inside open sessions (merges after the restore included)', async () => {
    const out = await expectRestoresExactly(await planRun(windowed('SESSION(ts, 4s)'), { t: input }), cuts);
    expect(out.out.length).toBeGreaterThan(5);
    await expectRestoresExactly(await planRun(windowed('SESSION(ts, 4s)', 'CHANGES'), { t: input }), cuts, new Set([9, 33, 60, 99]));
  });

  it('GROUP BY EMIT FINAL and a global aggregate of exact-double, variance and distinct aggregates', async () => {
    await expectRestoresExactly(
      await planRun('SELECT k, COUNT(DISTINCT v) AS d, SUM(CAST(v AS DOUBLE) / 7) AS f, STDDEV_SAMP(CAST(v AS DOUBLE)) AS sd, MEDIAN(v) AS med, APPROX_COUNT_DISTINCT(v) AS ad FROM t GROUP BY k EMIT FINAL', { t: input }),
      cuts,
    );
    await expectRestoresExactly(await planRun('SELECT COUNT(*) AS n, SUM(price) AS p, FIRST_VALUE(v) AS f, LAST_VALUE(v) AS l FROM t', { t: input }), cuts);
  });
});

describe('a snapshot', () => {
  it('is not changed by the batches processed after it', async () => {
    for (const sql of [
      'SELECT k, COUNT(*) AS n, SUM(price) AS p, MEDIAN(v) AS m, COUNT(DISTINCT v) AS d FROM t GROUP BY k EMIT CHANGES',
      windowed('TUMBLING(ts, 10s)'),
      windowed('SLIDING(ts, 10s, 2s)'),
      windowed('SESSION(ts, 4s)', 'CHANGES'),
    ]) {
      const { before, after } = await snapshotIsolated(await planRun(sql, { t: input }), 40, 60);
      expect(after, sql).toEqual(before);
    }
  });
});
