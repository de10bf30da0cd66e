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
    expect(out.length).toBeGreaterThan(20);
  });
});

describe('a snapshot', () => {
  it('is not changed by the batches processed after it', async () => {
    const run = await planRun('SELECT k, COUNT(*) AS n, SUM(price) AS p FROM t GROUP BY k EMIT CHANGES', { t: input });
    const { before, after } = await snapshotIsolated(run, 40, 60);
    expect(after).toEqual(before);
  });
});
