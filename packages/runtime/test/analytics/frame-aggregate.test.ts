import { Schema, SqlTypes, type Row } from '@velots/core';
import type { FrameBoundPlan, FramePlan } from '@velots/planner';
import { describe, expect, it } from 'vitest';
import { call, calls, over, runAnalytic } from './analytic-harness.js';

const nums = Schema.of(['g', SqlTypes.STRING], ['k', SqlTypes.BIGINT], ['v', SqlTypes.BIGINT]);
const rowsFrame = (start: FrameBoundPlan, end: FrameBoundPlan): FramePlan => ({ unit: 'ROWS', start, end });
const rangeFrame = (start: FrameBoundPlan, end: FrameBoundPlan): FramePlan => ({ unit: 'RANGE', start, end });
const preceding = (offset: number): FrameBoundPlan => ({ kind: 'PRECEDING', offset });
const following = (offset: number): FrameBoundPlan => ({ kind: 'FOLLOWING', offset });
const CURRENT: FrameBoundPlan = { kind: 'CURRENT_ROW' };
const UP: FrameBoundPlan = { kind: 'UNBOUNDED_PRECEDING' };
const UF: FrameBoundPlan = { kind: 'UNBOUNDED_FOLLOWING' };

const agg = (name: string, args: string[], frame?: FramePlan, distinct = false) =>
  call(name, args, { schema: nums, distinct, ...(frame ? { frame } : {}) });
function values(
  spec: { orderBy?: string[]; partitionBy?: string[]; bufferRows?: number },
  callsList: ReturnType<typeof agg>[],
  rows: Row[],
) {
  return calls(runAnalytic([over({ ...spec, schema: nums }, callsList)], [rows], { schema: nums }).rows, 3);
}
const series: Row[] = [1, 2, 3, 4, 5].map((v) => ['x', v, v]);

describe('aggregates over ROWS frames', () => {
  it('default frame with ORDER BY: running COUNT(*), SUM, AVG, MIN, MAX', () => {
    expect(
      values(
        { orderBy: ['k'] },
        [agg('COUNT', []), agg('SUM', ['v']), agg('AVG', ['v']), agg('MIN', ['v']), agg('MAX', ['v'])],
        series,
      ),
    ).toEqual([
      [1, 1, 1, 1, 1],
      [2, 3, 1.5, 1, 2],
      [3, 6, 2, 1, 3],
      [4, 10, 2.5, 1, 4],
      [5, 15, 3, 1, 5],
    ]);
  });

  it('ROWS BETWEEN 1 PRECEDING AND CURRENT ROW and ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING (empty at the start: NULL, COUNT 0)', () => {
    const two = rowsFrame(preceding(1), CURRENT);
    const before = rowsFrame(preceding(2), preceding(1));
    expect(
      values(
        { orderBy: ['k'] },
        [agg('SUM', ['v'], two), agg('SUM', ['v'], before), agg('COUNT', ['v'], before)],
        series,
      ),
    ).toEqual([
      [1, null, 0],
      [3, 1, 1],
      [5, 3, 2],
      [7, 5, 2],
      [9, 7, 2],
    ]);
  });

  it('ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING waits for the next row; the last row is computed at end of input', () => {
    const { steps, finished } = runAnalytic(
      [over({ orderBy: ['k'], schema: nums }, [agg('SUM', ['v'], rowsFrame(preceding(1), following(1)))])],
      [series.slice(0, 3), series.slice(3)],
      { schema: nums },
    );
    expect(steps.map((s) => calls(s.rows, 3))).toEqual([
      [[3], [6]],
      [[9], [12]],
    ]);
    expect(calls(finished!.rows, 3)).toEqual([[9]]);
  });

  it('CURRENT ROW AND UNBOUNDED FOLLOWING and the whole partition are computed at end of input', () => {
    const rest = rowsFrame(CURRENT, UF);
    const whole = rowsFrame(UP, UF);
    const { steps, finished } = runAnalytic(
      [
        over({ partitionBy: ['g'], orderBy: ['k'], schema: nums }, [
          agg('SUM', ['v'], rest),
          agg('COUNT', [], whole),
          agg('MAX', ['v'], whole),
        ]),
      ],
      [series],
      { schema: nums, bounded: true },
    );
    expect(steps[0]!.rows).toEqual([]);
    expect(calls(finished!.rows, 3)).toEqual([
      [15, 5, 5],
      [14, 5, 5],
      [12, 5, 5],
      [9, 5, 5],
      [5, 5, 5],
    ]);
  });

  it('COUNT(DISTINCT v), STDDEV_SAMP, MEDIAN and STRING_AGG over a sliding frame of three rows', () => {
    const three = rowsFrame(preceding(2), CURRENT);
    const rows: Row[] = [
      ['a', 1, 4],
      ['b', 2, 4],
      ['c', 3, 8],
      ['d', 4, 2],
    ];
    const out = values(
      { orderBy: ['k'] },
      [
        agg('COUNT', ['v'], three, true),
        agg('STDDEV_SAMP', ['v'], three),
        agg('MEDIAN', ['v'], three),
        agg('STRING_AGG', ['g', "'-'"], three),
      ],
      rows,
    );
    const to12 = (x: unknown) => (typeof x === 'number' ? Number(x.toFixed(12)) : x);
    expect(out.map((r) => r.map(to12))).toEqual([
      [1, null, 4, 'a'],
      [1, 0, 4, 'a-b'],
      [2, to12(Math.sqrt(16 / 3)), 4, 'a-b-c'],
      [3, to12(Math.sqrt(28 / 3)), 4, 'b-c-d'],
    ]);
  });

  it('skips NULL arguments like the aggregate does: SUM over only NULLs is NULL, COUNT(v) 0, COUNT(*) counts the row', () => {
    const rows: Row[] = [
      ['x', 1, null],
      ['x', 2, 5],
      ['x', 3, null],
    ];
    const one = rowsFrame(CURRENT, CURRENT);
    expect(
      values(
        { orderBy: ['k'] },
        [agg('SUM', ['v'], one), agg('COUNT', ['v'], one), agg('COUNT', [], one), agg('SUM', ['v'])],
        rows,
      ),
    ).toEqual([
      [null, 0, 1, null],
      [5, 1, 1, 5],
      [null, 0, 1, 5],
    ]);
  });
});

describe('aggregates over RANGE frames', () => {
  const spaced: Row[] = [0, 5, 10, 20, 31].map((k, i) => ['x', k, i + 1]);

  it('RANGE BETWEEN 10 PRECEDING AND CURRENT ROW sums the rows whose k lies within [k − 10, k]', () => {
    expect(values({ orderBy: ['k'] }, [agg('SUM', ['v'], rangeFrame(preceding(10), CURRENT))], spaced)).toEqual([
      [1],
      [3],
      [6],
      [7],
      [5],
    ]);
  });

  it('RANGE BETWEEN CURRENT ROW AND 10 FOLLOWING waits for a row beyond k + 10 (a row at k + 10 may have peers still to come)', () => {
    const { steps, finished } = runAnalytic(
      [over({ orderBy: ['k'], schema: nums }, [agg('SUM', ['v'], rangeFrame(CURRENT, following(10)))])],
      [spaced.slice(0, 3), spaced.slice(3, 4), spaced.slice(4)],
      { schema: nums },
    );
    expect(steps.map((s) => s.rows.map((r) => [r[1], r[3]]))).toEqual([
      [],
      [
        [0, 6],
        [5, 5],
      ],
      [
        [10, 7],
        [20, 4],
      ],
    ]);
    expect(finished!.rows.map((r) => [r[1], r[3]])).toEqual([[31, 5]]);
  });

  it('measures DESC orders the other way: 10 PRECEDING means up to 10 larger', () => {
    const desc = [...spaced].reverse();
    expect(values({ orderBy: ['k DESC'] }, [agg('SUM', ['v'], rangeFrame(preceding(10), CURRENT))], desc)).toEqual([
      [5],
      [4],
      [7],
      [5],
      [6],
    ]);
  });

  it('measures a TIMESTAMP order in milliseconds (INTERVAL ‘2’ SECOND PRECEDING)', () => {
    const ts = Schema.of(['g', SqlTypes.STRING], ['t', SqlTypes.TIMESTAMP], ['v', SqlTypes.BIGINT]);
    const rows: Row[] = [0, 1000, 2500, 3000, 6000].map((t, i) => ['x', t, i + 1]);
    const window = over({ orderBy: ['t'], schema: ts }, [
      call('COUNT', [], { schema: ts, frame: rangeFrame(preceding(2000), CURRENT) }),
    ]);
    expect(calls(runAnalytic([window], [rows], { schema: ts }).rows, 3)).toEqual([[1], [2], [2], [3], [1]]);
  });

  it('the default frame counts the peers that arrived before the row, not those still to come', () => {
    const rows: Row[] = [
      ['x', 1, 10],
      ['x', 1, 20],
      ['x', 2, 30],
    ];
    expect(values({ orderBy: ['k'] }, [agg('SUM', ['v']), agg('SUM', ['v'], rangeFrame(UP, CURRENT))], rows)).toEqual([
      [10, 10],
      [30, 30],
      [60, 60],
    ]);
  });

  it('a NULL order value frames its NULL peers (NULLs sort last)', () => {
    const rows: Row[] = [
      ['x', 1, 1],
      ['x', null, 2],
      ['x', 2, 4],
      ['x', null, 8],
    ];
    expect(values({ orderBy: ['k'] }, [agg('SUM', ['v'], rangeFrame(preceding(5), CURRENT))], rows)).toEqual([
      [1],
      [2],
      [5],
      [10],
    ]);
  });
});

describe('the cumulative frame over out-of-order arrivals', () => {
  const rows: Row[] = [
    ['a', 1, 1],
    ['c', 3, 3],
    ['b', 2, 2],
    ['d', 4, 4],
  ];

  it('computes a row that arrives early in the order over its prefix, then keeps running over all rows', () => {
    expect(values({ orderBy: ['k'] }, [agg('SUM', ['v']), agg('COUNT', [])], rows)).toEqual([
      [1, 1],
      [4, 2],
      [3, 2],
      [10, 4],
    ]);
  });

  it('rebuilds an order-sensitive running aggregate (STRING_AGG) in ORDER BY order', () => {
    expect(values({ orderBy: ['k'] }, [agg('STRING_AGG', ['g', "''"])], rows)).toEqual([
      ['a'],
      ['ac'],
      ['ab'],
      ['abcd'],
    ]);
  });

  it('gives the same values over a buffer, where every frame is recomputed', () => {
    expect(
      values({ orderBy: ['k'], bufferRows: 100 }, [agg('SUM', ['v']), agg('STRING_AGG', ['g', "''"])], rows),
    ).toEqual([
      [1, 'a'],
      [4, 'ac'],
      [3, 'ab'],
      [10, 'abcd'],
    ]);
  });
});
