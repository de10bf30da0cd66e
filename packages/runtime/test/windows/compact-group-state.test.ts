import { describe, expect, it } from 'vitest';
import { SqlTypes } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { defaultAggregateCatalog } from '@velots/planner';
import type { ResultRow } from '../../src/index.js';
import { queryAtEveryBatchSize } from '../batch-sizes.js';
import { compoundGroupKey, groupKeyFunction, singleGroupKey } from '../../src/windows/group-key.js';
import { compileGroupState } from '../../src/windows/group-state-compiler.js';

/** The rows of `sql` over `rows` as table `t`, asserted identical at batch sizes 1, 7 and the default. */
function run(sql: string, rows: readonly Record<string, unknown>[]): Promise<ResultRow[]> {
  return queryAtEveryBatchSize(sql, { sources: { t: rows }, warn: () => undefined });
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

describe('group keys without a string per record', () => {
  it('uses a number, string, boolean or NULL key value itself as the Map key', () => {
    expect(singleGroupKey(42)).toBe(42);
    expect(singleGroupKey('AAPL')).toBe('AAPL');
    expect(singleGroupKey(true)).toBe(true);
    expect(singleGroupKey(null)).toBe(null);
    expect(singleGroupKey(undefined)).toBe(null);
  });

  it('makes equal values of other representations one key: 5n = 5, 1.1 = 1.10, 2.00 = 2', () => {
    expect(singleGroupKey(5n)).toBe(singleGroupKey(5));
    expect(singleGroupKey(Decimal.parse('1.1'))).toBe(singleGroupKey(Decimal.parse('1.10')));
    expect(singleGroupKey(Decimal.parse('2.00'))).toBe(2);
    expect(singleGroupKey(2n ** 70n)).toBe(singleGroupKey(2n ** 70n));
    expect(singleGroupKey(Decimal.parse('1.1'))).not.toBe(singleGroupKey(Decimal.parse('1.01')));
  });

  it('builds one canonical string for several columns, with no collision between NULL, numbers and strings', () => {
    const keys = [
      compoundGroupKey([null, 'a'], [0, 1]),
      compoundGroupKey(['null', 'a'], [0, 1]),
      compoundGroupKey([1, 'a'], [0, 1]),
      compoundGroupKey(['1', 'a'], [0, 1]),
      compoundGroupKey(['a,b', 'c'], [0, 1]),
      compoundGroupKey(['a', 'b,c'], [0, 1]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(compoundGroupKey([Decimal.parse('1.1'), 'x'], [0, 1])).toBe(compoundGroupKey([Decimal.parse('1.10'), 'x'], [0, 1]));
    expect(groupKeyFunction([2, 0])(['b', 0, 'a'])).toBe(compoundGroupKey(['a', 'b'], [0, 1]));
    expect(groupKeyFunction([])(['x'])).toBe(null);
  });
});

describe('compiled group state', () => {
  it('keeps NULL keys as one group', async () => {
    const rows = [{ k: null, v: 1 }, { k: 'a', v: 2 }, { k: null, v: 3 }, { k: 'a', v: 4 }, { k: null, v: 5 }];
    expect(await run('SELECT k, SUM(v) AS s, COUNT(*) AS n FROM t GROUP BY k EMIT FINAL', rows)).toEqual([
      { k: null, s: 9, n: 3 },
      { k: 'a', s: 6, n: 2 },
    ]);
  });

  it('groups equal decimals of different scales as one group (1.1 = 1.10) and sums them exactly', async () => {
    const rows = [{ d: '1.1', v: '0.1' }, { d: '1.10', v: '0.2' }, { d: '2.5', v: '0.3' }, { d: '1.100', v: '0.0000001' }];
    expect(
      await run(
        `SELECT CAST(CAST(d AS DECIMAL(10, 4)) AS STRING) AS d, CAST(SUM(CAST(v AS DECIMAL(18, 7))) AS STRING) AS s, COUNT(*) AS n
         FROM t GROUP BY CAST(d AS DECIMAL(10, 4)) EMIT FINAL`,
        rows,
      ),
    ).toEqual([
      { d: '1.1000', s: '0.3000001', n: 3 },
      { d: '2.5000', s: '0.3000000', n: 1 },
    ]);
  });

  it('promotes a BIGINT sum past 2^53 to an exact bigint, and back to a number when it returns into range', async () => {
    const rows = [
      { k: 'a', v: MAX_SAFE },
      { k: 'a', v: MAX_SAFE },
      { k: 'a', v: 2 },
      { k: 'b', v: MAX_SAFE },
      { k: 'b', v: 5 },
      { k: 'b', v: -MAX_SAFE },
    ];
    expect(await run('SELECT k, SUM(v) AS s, MIN(v) AS lo, MAX(v) AS hi, COUNT(v) AS n FROM t GROUP BY k EMIT FINAL', rows)).toEqual([
      { k: 'a', s: 2n * BigInt(MAX_SAFE) + 2n, lo: 2, hi: MAX_SAFE, n: 3 },
      { k: 'b', s: 5, lo: -MAX_SAFE, hi: MAX_SAFE, n: 3 },
    ]);
  });

  it('reports a BIGINT sum outside 64 bits as NUMERIC_OVERFLOW, whatever the arrival order', async () => {
    const rows = Array.from({ length: 1100 }, () => ({ v: MAX_SAFE }));
    await expect(run('SELECT SUM(v) AS s FROM t EMIT FINAL', rows)).rejects.toThrow(/out of BIGINT range/);
    const back = [...rows, ...Array.from({ length: 1100 }, () => ({ v: -MAX_SAFE }))];
    expect(await run('SELECT SUM(v) AS s, COUNT(*) AS n FROM t EMIT FINAL', back)).toEqual([{ s: 0, n: 2200 }]);
  });

  it('gives SUM, MIN and MAX of no non-NULL values NULL and COUNT 0, with FILTER applied per call', async () => {
    const rows = [{ k: 'a', v: null }, { k: 'a', v: 4 }, { k: 'b', v: null }];
    expect(
      await run(
        'SELECT k, SUM(v) AS s, MIN(v) AS lo, COUNT(v) AS n, COUNT(*) AS all_rows, SUM(v) FILTER (WHERE v > 10) AS big FROM t GROUP BY k EMIT FINAL',
        rows,
      ),
    ).toEqual([
      { k: 'a', s: 4, lo: 4, n: 1, all_rows: 2, big: null },
      { k: 'b', s: null, lo: null, n: 0, all_rows: 1, big: null },
    ]);
  });

  it('mixes inline and object accumulators (AVG, STRING_AGG, COUNT DISTINCT) over computed keys', async () => {
    const rows = [{ k: 1, v: 2 }, { k: 2, v: 3 }, { k: 3, v: 2 }, { k: 4, v: 8 }];
    expect(
      await run("SELECT k % 2 AS odd, COUNT(DISTINCT v) AS d, AVG(v) AS a, STRING_AGG(CAST(v AS STRING), '-') AS all_v, SUM(v) AS s FROM t GROUP BY k % 2 EMIT FINAL", rows),
    ).toEqual([
      { odd: 1, d: 1, a: 2, all_v: '2-2', s: 4 },
      { odd: 0, d: 2, a: 5.5, all_v: '3-8', s: 11 },
    ]);
  });

  it('merges session states exactly when a record bridges two sessions', async () => {
    const rows = [
      { k: 'a', v: MAX_SAFE, ts: 0 },
      { k: 'a', v: 3, ts: 20_000 },
      { k: 'a', v: MAX_SAFE, ts: 10_000 },
    ];
    expect(
      await run(
        `SELECT k, SUM(v) AS s, MAX(v) AS hi, COUNT(*) AS n, _window_start AS ws FROM t GROUP BY k WINDOW SESSION(ts, 15s)
         WITH ('watermark.max_out_of_orderness' = '60s')`,
        rows,
      ),
    ).toEqual([{ k: 'a', s: 2n * BigInt(MAX_SAFE) + 3n, hi: MAX_SAFE, n: 3, ws: 0 }]);
  });
});

describe('compileGroupState', () => {
  const sum = defaultAggregateCatalog.lookup('SUM')!;
  const count = defaultAggregateCatalog.lookup('COUNT')!;

  it('inlines SUM(BIGINT) and COUNT as fields, keeps DISTINCT as an accumulator object, and computes exact rows', () => {
    const bigint = [SqlTypes.BIGINT];
    const state = compileGroupState(
      [0],
      [
        { args: [1], filter: -1, inline: sum.inline?.(bigint, { distinct: false }), create: sum.prepare([undefined], bigint, { distinct: false }) },
        { args: [], filter: 2, inline: count.inline?.([], { distinct: false }), create: count.prepare([], [], { distinct: false }) },
        { args: [1], filter: -1, inline: sum.inline?.(bigint, { distinct: true }), create: sum.prepare([undefined], bigint, { distinct: true }) },
      ],
    );
    expect(state.source).toContain('this.sum_0 = null;');
    expect(state.source).toContain('this.count_1 = 0;');
    expect(state.source).toContain('this.acc_2 = ');
    const a = state.create(['k', 0, false]);
    const b = state.create(['k', 0, false]);
    state.add(a, ['k', MAX_SAFE, true], 10);
    state.add(a, ['k', 7, false], 30);
    state.add(b, ['k', 7, true], 20);
    state.merge(a, b);
    expect(state.row(a, 0, 1)).toEqual(['k', 0, 1, BigInt(MAX_SAFE) + 14n, 2, BigInt(MAX_SAFE) + 7n]);
    expect(a.maxEventTime).toBe(30);
  });
});

describe('inline DECIMAL sums', () => {
  it('stay exact past 2^53 unscaled and with values whose unscaled form is a bigint, at every batch size', async () => {
    const rows = [
      { k: 'a', v: '90000000000000.00' },
      { k: 'a', v: '90000000000000.00' },
      { k: 'a', v: '0.01' },
      { k: 'b', v: '0.10' },
      { k: 'b', v: '1234567890123456789.12' },
      { k: 'b', v: '-1234567890123456789.12' },
      { k: 'c', v: null },
    ];
    expect(await run('SELECT k, CAST(SUM(CAST(v AS DECIMAL(22, 2))) AS STRING) AS s FROM t GROUP BY k EMIT FINAL', rows)).toEqual([
      { k: 'a', s: '180000000000000.01' },
      { k: 'b', s: '0.10' },
      { k: 'c', s: null },
    ]);
  });

  it('merge number and object forms exactly (session merges)', () => {
    const sum = defaultAggregateCatalog.lookup('SUM')!;
    const type = [{ kind: 'DECIMAL', precision: 22, scale: 2 } as const];
    const state = compileGroupState([], [{ args: [0], filter: -1, inline: sum.inline?.(type, { distinct: false }), create: sum.prepare([undefined], type, { distinct: false }) }]);
    const small = state.create(undefined);
    const big = state.create(undefined);
    state.add(small, [Decimal.parse('0.25', { precision: 22, scale: 2 })], 0);
    state.add(big, [Decimal.parse('90000000000000.00', { precision: 22, scale: 2 })], 0);
    state.add(big, [Decimal.parse('90000000000000.00', { precision: 22, scale: 2 })], 0);
    const left = state.copy(small);
    state.merge(left, big);
    state.merge(big, small);
    expect(String(state.row(left, null, null)[2])).toBe('180000000000000.25');
    expect(String(state.row(big, null, null)[2])).toBe('180000000000000.25');
    expect(state.row(state.create(undefined), null, null)).toEqual([null, null, null]);
  });
});

describe('inline DECIMAL MIN and MAX', () => {
  it('give the object accumulator its exact values: mixed scales, bigint unscaled values, NULLs, at every batch size', async () => {
    const rows = [
      { k: 'a', v: '-12.3' },
      { k: 'a', v: '99.9' },
      { k: 'a', v: '-12.30001' },
      { k: 'b', v: '1234567890123456789.12' },
      { k: 'b', v: '0.5' },
      { k: 'b', v: '-1234567890123456789.12' },
      { k: 'c', v: null },
      { k: 'a', v: '99.90' },
    ];
    expect(
      await run(
        `SELECT k, CAST(MIN(CAST(v AS DECIMAL(30, 5))) AS STRING) AS lo, CAST(MAX(CAST(v AS DECIMAL(30, 5))) AS STRING) AS hi
         FROM t GROUP BY k EMIT FINAL`,
        rows,
      ),
    ).toEqual([
      { k: 'a', lo: '-12.30001', hi: '99.90000' },
      { k: 'b', lo: '-1234567890123456789.12000', hi: '1234567890123456789.12000' },
      { k: 'c', lo: null, hi: null },
    ]);
  });

  it('keep the first of equal values and merge exactly (session merges)', () => {
    for (const name of ['MIN', 'MAX']) {
      const aggregate = defaultAggregateCatalog.lookup(name)!;
      const type = [{ kind: 'DECIMAL', precision: 20, scale: 2 } as const];
      const inline = aggregate.inline?.(type, { distinct: false });
      expect(inline).toBeDefined();
      const state = compileGroupState([], [{ args: [0], filter: -1, inline, create: aggregate.prepare([undefined], type, { distinct: false }) }]);
      const first = Decimal.fromUnscaled(150, 2);
      const equal = Decimal.fromUnscaled(15, 1);
      const group = state.create(undefined);
      state.add(group, [first], 0);
      state.add(group, [equal], 0);
      // The first of the equal values, with its scale (1.50, not 1.5); the number form gives an equal object back.
      expect(String(state.row(group, null, null)[2])).toBe('1.50');
      expect(state.row(group, null, null)[2]).toEqual(first);
      const other = state.create(undefined);
      state.add(other, [Decimal.fromUnscaled(10n ** 25n, 2)], 0);
      state.add(other, [Decimal.fromUnscaled(-(10n ** 25n), 2)], 0);
      state.merge(group, other);
      expect(String(state.row(group, null, null)[2])).toBe(name === 'MIN' ? '-100000000000000000000000.00' : '100000000000000000000000.00');
    }
  });
});

describe('inline DECIMAL AVG', () => {
  it("gives the object accumulator's exact result, with and without merges: other scales, bigint unscaled values, NULLs, past 2^53", () => {
    const avg = defaultAggregateCatalog.lookup('AVG')!;
    const type = [{ kind: 'DECIMAL', precision: 30, scale: 2 } as const];
    const inline = avg.inline?.(type, { distinct: false });
    expect(inline).toBeDefined();
    const state = compileGroupState([], [{ args: [0], filter: -1, inline, create: avg.prepare([undefined], type, { distinct: false }) }]);
    let seed = 3;
    const next = (): number => (seed = (seed * 16807) % 2147483647);
    const values = Array.from({ length: 400 }, (_, i) => {
      const r = next();
      if (i % 37 === 0) return null;
      if (i % 41 === 0) return Decimal.fromUnscaled(BigInt(r) * 10n ** 12n, 2); // bigint unscaled
      if (i % 43 === 0) return Decimal.fromUnscaled((r % 2001) - 1000, 3); // another scale
      if (i % 47 === 0) return Decimal.fromUnscaled(9_000_000_000_000_000 / 2 ** 10 * ((r % 2) === 0 ? 1 : -1), 2);
      return Decimal.fromUnscaled((r % 200001) - 100000, 2);
    });
    for (const split of [0, 1, 150, 399]) {
      const whole = state.create(undefined);
      const objects = avg.prepare([undefined], type, { distinct: false })();
      const left = state.create(undefined);
      const right = state.create(undefined);
      values.forEach((v, i) => {
        state.add(whole, [v], 0);
        objects.add([v]);
        state.add(i < split ? left : right, [v], 0);
      });
      state.merge(left, right);
      const expected = String(objects.result());
      expect(String(state.row(whole, null, null)[2])).toBe(expected);
      expect(String(state.row(left, null, null)[2])).toBe(expected);
    }
    expect(state.row(state.create(undefined), null, null)).toEqual([null, null, null]);
  });

  it('adds unscaled column values (addScaled) exactly as it adds the equal decimal values', () => {
    for (const name of ['AVG', 'SUM', 'MIN', 'MAX', 'COUNT']) {
      const aggregate = defaultAggregateCatalog.lookup(name)!;
      const type = [{ kind: 'DECIMAL', precision: 18, scale: 1 } as const];
      const inline = aggregate.inline?.(type, { distinct: false });
      expect(inline?.addScaled).toBeDefined();
      const slots = { args: [0], filter: -1, inline, create: aggregate.prepare([undefined], type, { distinct: false }) };
      const rows = compileGroupState([], [slots]);
      const scaled = compileGroupState([], [{ ...slots, inline: { ...inline!, add: inline!.addScaled! } }]);
      const byRow = rows.create(undefined);
      const byNumber = scaled.create(undefined);
      for (const u of [15, -5, 0, 999_999_999_999_999, 999_999_999_999_999, -3, 7]) {
        rows.add(byRow, [Decimal.fromUnscaled(u, 1)], 0);
        scaled.add(byNumber, [u], 0);
      }
      expect(String(scaled.row(byNumber, null, null)[2])).toBe(String(rows.row(byRow, null, null)[2]));
    }
  });
});
