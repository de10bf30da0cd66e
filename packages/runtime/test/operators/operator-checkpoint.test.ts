import { describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { expectRestoresExactly, operatorNames, planRun } from '../checkpoint/operator-harness.js';

const rows = Array.from({ length: 60 }, (_, i) => ({
  k: i % 7 === 0 ? null : `k${i % 5}`,
  d: Decimal.parse(`${i % 3}.${i % 2 === 0 ? '10' : '1'}`),
  big: 2n ** 60n + BigInt(i % 2),
  n: (i * 13) % 17,
}));
const cuts = [1, 9, 30, 59];

describe('DISTINCT, ORDER BY and LIMIT restore exactly', () => {
  it('DISTINCT remembers the rows passed so far (decimals equal by value, NULLs, bigints past 2^53)', async () => {
    const run = await planRun('SELECT DISTINCT k, d, big FROM t', { t: rows });
    expect(operatorNames(run)).toContain('Distinct');
    const out = await expectRestoresExactly(run, cuts);
    expect(out.out.length).toBeGreaterThan(10);
    expect(out.out.length).toBeLessThan(rows.length);
  });

  it('ORDER BY over a bounded input holds its rows across the cut', async () => {
    const run = await planRun('SELECT k, n, d FROM t ORDER BY n DESC, k NULLS FIRST', { t: rows });
    expect(operatorNames(run)).toContain('Sort');
    const out = await expectRestoresExactly(run, cuts);
    expect(out.out.length).toBe(rows.length);
  });

  it('LIMIT counts the rows emitted before the cut', async () => {
    const run = await planRun('SELECT k, n FROM t WHERE n > 3 LIMIT 25', { t: rows });
    expect(operatorNames(run)).toContain('Limit');
    const out = await expectRestoresExactly(run, cuts);
    expect(out.out.length).toBe(25);
    // OFFSET: the records still to skip carry across the cut too.
    const first40 = await expectRestoresExactly(await planRun('SELECT k, n FROM t WHERE n > 3 LIMIT 40', { t: rows }), cuts);
    const offset = await expectRestoresExactly(await planRun('SELECT k, n FROM t WHERE n > 3 LIMIT 20 OFFSET 12', { t: rows }), cuts);
    expect(offset.out).toEqual(first40.out.slice(12, 32));
  });

  it('LIMIT … OFFSET counts the rows still to skip before the cut', async () => {
    const run = await planRun('SELECT k, n FROM t WHERE n > 3 LIMIT 20 OFFSET 12', { t: rows });
    expect(operatorNames(run)).toContain('Limit');
    const out = await expectRestoresExactly(run, cuts);
    expect(out.out.length).toBe(20);
  });
});
