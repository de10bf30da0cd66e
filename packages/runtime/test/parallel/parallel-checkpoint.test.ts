import { describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { byJson, interruptedOnWorkers, operatorNames, planRun, uninterrupted, chainOf } from '../checkpoint/operator-harness.js';
import { disposeOperators } from '../../src/parallel/job-operators.js';

const rows = Array.from({ length: 200 }, (_, i) => ({
  k: i % 11 === 0 ? null : `k${(i * 7) % 23}`,
  r: i % 3,
  price: Decimal.parse(`${(i * 131) % 997}.${String(i % 100).padStart(2, '0')}`),
  big: 2n ** 58n + BigInt(i),
}));
const sql = 'SELECT k, r, COUNT(*) AS n, SUM(price) AS p, SUM(big) AS b, MAX(price) AS hi FROM t GROUP BY k, r HAVING COUNT(*) > 0 EMIT CHANGES';
const emitAt = new Set([40, 90, 150]);

describe('a GROUP BY split across worker threads restores from a checkpoint', () => {
  it('gathers every worker state and restores it on the same, fewer or more workers (groups re-partitioned by key)', async () => {
    const run = await planRun(sql, { t: rows });
    const probe = chainOf(run, 3);
    try {
      expect(probe.map((op) => op.name)).toContain('Parallel[UpdatingAggregate]');
    } finally {
      disposeOperators(probe);
    }
    expect(operatorNames(run)).toContain('UpdatingAggregate');
    // The single-threaded run is the reference: threads only change the order rows come out in.
    const reference = [...uninterrupted(run, 7, emitAt).out].sort(byJson);
    expect(reference.length).toBeGreaterThan(60);
    const cases: [readonly [number, number], number][] = [[[3, 3], 65], [[3, 2], 1], [[3, 2], 120], [[2, 4], 65]];
    for (const [workers, cut] of cases) {
      const out = await interruptedOnWorkers(run, 7, cut, workers, emitAt);
      expect(out.out, `${workers[0]} → ${workers[1]} workers, cut after ${cut}`).toEqual(reference);
    }
  }, 120_000);
});
