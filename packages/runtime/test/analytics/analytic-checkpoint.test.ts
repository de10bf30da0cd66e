import { describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { expectRestoresExactly, planRun, snapshotIsolated } from '../checkpoint/operator-harness.js';

/** Trades a little out of order, decimal prices, some NULL symbols and prices. */
function trades(count: number): Record<string, unknown>[] {
  let seed = 5;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      symbol: random() < 0.1 ? null : 'XYZ'[Math.floor(random() * 3)],
      venue: random() < 0.5 ? 'n' : 'l',
      price: random() < 0.05 ? null : Decimal.parse(`${Math.floor(random() * 5000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`),
      qty: Math.floor(random() * 100),
      ts: i * 1_000 - Math.floor(random() * 3_000),
    });
  }
  return out;
}

const input = trades(90);
const cuts = [1, 13, 44, 45, 89];

async function restores(sql: string): Promise<void> {
  const run = await planRun(sql, { trades: input }, { eventTime: 'ts' });
  const out = await expectRestoresExactly(run, cuts);
  expect(out.out.length).toBeGreaterThan(20);
}

describe('the analytic operator restores partitions, held rows, running aggregates and pending output exactly', () => {
  it('LAG / LEAD / ROW_NUMBER / running SUM over a bounded buffer per multi-column partition', () =>
    restores(`SELECT symbol, venue, price, LAG(price, 1) OVER (ROWS WINDOW BUFFER 5 ROWS PARTITION BY symbol, venue ORDER BY ts) AS prev,
                     LEAD(price, 2) OVER (ROWS WINDOW BUFFER 5 ROWS PARTITION BY symbol, venue ORDER BY ts) AS next2,
                     ROW_NUMBER() OVER (ROWS WINDOW BUFFER 5 ROWS PARTITION BY symbol, venue ORDER BY ts) AS rn,
                     SUM(price) OVER (ROWS WINDOW BUFFER 5 ROWS PARTITION BY symbol, venue ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s3
              FROM trades`));

  it('cumulative frames with running aggregates (exact decimals, variance), ranks and EXPIRE AFTER', () =>
    restores(`SELECT symbol, qty, SUM(price) OVER (PARTITION BY symbol ORDER BY ts EXPIRE AFTER INTERVAL '20' SECOND INACTIVITY) AS running,
                     STDDEV_SAMP(CAST(qty AS DOUBLE)) OVER (PARTITION BY symbol ORDER BY ts EXPIRE AFTER INTERVAL '20' SECOND INACTIVITY) AS sd,
                     DENSE_RANK() OVER (PARTITION BY symbol ORDER BY qty EXPIRE AFTER INTERVAL '20' SECOND INACTIVITY) AS dr,
                     LEAD(qty) OVER (PARTITION BY symbol ORDER BY ts EXPIRE AFTER INTERVAL '20' SECOND INACTIVITY) AS nxt
              FROM trades`));

  it('EMIT ON BUFFER FULL and a whole-partition call held to the end of a bounded input', () =>
    restores(`SELECT symbol, AVG(price) OVER (ROWS WINDOW BUFFER 3 ROWS PARTITION BY symbol ORDER BY ts EMIT ON BUFFER FULL) AS a,
                     RANK() OVER (PARTITION BY symbol ORDER BY price DESC) AS r
              FROM trades`));

  it('a snapshot is not changed by the rows processed after it', async () => {
    const run = await planRun(`SELECT symbol, LEAD(price) OVER (ROWS WINDOW BUFFER 4 ROWS PARTITION BY symbol ORDER BY ts) AS n,
                                      SUM(qty) OVER (PARTITION BY symbol ORDER BY ts EXPIRE AFTER INTERVAL '10' SECOND INACTIVITY) AS s FROM trades`, { trades: input }, { eventTime: 'ts' });
    const { before, after } = await snapshotIsolated(run, 40, 40);
    expect(after).toEqual(before);
  });
});
