import { describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { expectRestoresExactly, operatorNames, planRun, snapshotIsolated } from '../checkpoint/operator-harness.js';

/** Orders and shipments interleaved, times drifting forward with jitter; some keys NULL, amounts exact decimals. */
function feed(count: number): [string, Record<string, unknown>][] {
  let seed = 3;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: [string, Record<string, unknown>][] = [];
  for (let i = 0; i < count; i++) {
    const sku = random() < 0.08 ? null : 'abcde'[Math.floor(random() * 5)];
    const region = random() < 0.5 ? 'eu' : 'us';
    const ts = i * 1_500 - Math.floor(random() * 6_000);
    const amount = Decimal.parse(`${Math.floor(random() * 100000)}.${String(Math.floor(random() * 1000)).padStart(3, '0')}`);
    if (random() < 0.5) out.push(['orders', { id: i, sku, region, amount, big: 2n ** 62n + BigInt(i), ts }]);
    else out.push(['shipments', { sid: i, sku, region, ts }]);
  }
  return out;
}

const events = feed(140);
const streams = {
  orders: events.filter(([n]) => n === 'orders').map(([, o]) => o),
  shipments: events.filter(([n]) => n === 'shipments').map(([, o]) => o),
};
const cuts = [1, 30, 70, 71, 110, 139];

describe('the interval join restores its waiting rows, heap and watermarks exactly', () => {
  for (const type of ['JOIN', 'LEFT JOIN', 'FULL OUTER JOIN']) {
    it(`${type} bounded by the time columns, on a multi-column key`, async () => {
      const sql = `SELECT o.id, s.sid, o.amount, o.big FROM orders o ${type} shipments s
                   ON o.sku = s.sku AND o.region = s.region AND s.ts BETWEEN o.ts - INTERVAL '5' SECOND AND o.ts + INTERVAL '8' SECOND
                   WITH ('watermark.max_out_of_orderness' = '2s')`;
      const run = await planRun(sql, streams, { feed: events });
      expect(operatorNames(run)).toContain('IntervalJoin');
      const out = await expectRestoresExactly(run, cuts);
      expect(out.out.length).toBeGreaterThan(10);
    });
  }

  it('a snapshot is not changed by the rows joined after it', async () => {
    const run = await planRun(`SELECT o.id, s.sid FROM orders o FULL OUTER JOIN shipments s ON o.sku = s.sku AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '9' SECOND`, streams, { feed: events });
    const { before, after } = await snapshotIsolated(run, 60, 50);
    expect(after).toEqual(before);
  });
});

describe('the stream–table join restores the table rows matched so far', () => {
  const symbols = [
    { symbol: 'a', name: 'Alpha' },
    { symbol: 'b', name: 'Beta' },
    { symbol: 'q', name: 'Quebec' },
    { symbol: null, name: 'Nobody' },
  ];
  const trades = streams.orders.map((o) => ({ id: o['id'], symbol: o['sku'], amount: o['amount'] }));

  for (const type of ['RIGHT JOIN', 'FULL OUTER JOIN', 'LEFT JOIN']) {
    it(type, async () => {
      const run = await planRun(`SELECT t.id, s.name, t.amount FROM trades t ${type} symbols s ON t.symbol = s.symbol`, { trades, symbols });
      expect(operatorNames(run)).toContain('LookupJoin');
      const out = await expectRestoresExactly(run, [1, 20, 40, trades.length - 1]);
      expect(out.out.length).toBeGreaterThan(20);
    });
  }
});
