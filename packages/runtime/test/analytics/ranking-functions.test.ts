import { Schema, SqlTypes, type Row } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { call, calls, over, runAnalytic } from './analytic-harness.js';

const nums = Schema.of(['g', SqlTypes.STRING], ['k', SqlTypes.BIGINT], ['v', SqlTypes.BIGINT]);
const c = (name: string, args: string[] = []) => call(name, args, { schema: nums });
const run = (spec: { partitionBy?: string[]; orderBy?: string[]; bufferRows?: number }, names: string[], rows: Row[], bounded = true) =>
  calls(
    runAnalytic(
      [
        over(
          { ...spec, schema: nums },
          names.map((n) => (n === 'NTILE' ? c(n, ['2']) : c(n))),
        ),
      ],
      [rows],
      { schema: nums, bounded },
    ).rows,
    3,
  );

describe('ranking functions', () => {
  const ordered: Row[] = [
    ['x', 10, 0],
    ['y', 5, 0],
    ['x', 20, 0],
    ['x', 20, 0],
    ['x', 30, 0],
  ];

  it('ROW_NUMBER, RANK and DENSE_RANK per partition on ordered input equal a SQL engine’s (ties share a rank)', () => {
    expect(run({ partitionBy: ['g'], orderBy: ['k'] }, ['ROW_NUMBER', 'RANK', 'DENSE_RANK'], ordered)).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [2, 2, 2],
      [3, 2, 2],
      [4, 4, 3],
    ]);
  });

  it('over a bounded input, ranks every row within its whole partition, as a SQL engine does, whatever the arrival order', () => {
    const rows: Row[] = [30, 10, 20, 20, 40].map((v) => ['x', 0, v]);
    expect(run({ orderBy: ['v'] }, ['ROW_NUMBER', 'RANK', 'DENSE_RANK', 'PERCENT_RANK', 'CUME_DIST', 'NTILE'], rows)).toEqual([
      [4, 4, 3, 0.75, 0.8, 2],
      [1, 1, 1, 0, 0.2, 1],
      [2, 2, 2, 0.25, 0.6, 1],
      [3, 2, 2, 0.25, 0.6, 1],
      [5, 5, 4, 1, 1, 2],
    ]);
  });

  it('over an unbounded input, ranks an out-of-order arrival among the rows seen so far (ORDER BY v over rows arriving in time order)', () => {
    const rows: Row[] = [30, 10, 20, 20, 40].map((v) => ['x', 0, v]);
    expect(
      run({ orderBy: ['v'] }, ['ROW_NUMBER', 'RANK', 'DENSE_RANK', 'PERCENT_RANK', 'CUME_DIST', 'NTILE'], rows, false),
    ).toEqual([
      [1, 1, 1, 0, 1, 1],
      [1, 1, 1, 0, 0.5, 1],
      [2, 2, 2, 0.5, 2 / 3, 1],
      [3, 2, 2, 1 / 3, 0.75, 2],
      [5, 5, 4, 1, 1, 2],
    ]);
  });

  it('ranks DESC orders from the largest value (rows seen so far, unbounded input)', () => {
    const rows: Row[] = [10, 30, 20, 30].map((v) => ['x', 0, v]);
    expect(run({ orderBy: ['v DESC'] }, ['RANK', 'DENSE_RANK'], rows, false)).toEqual([
      [1, 1],
      [1, 1],
      [2, 2],
      [1, 1],
    ]);
  });

  it('without ORDER BY every row is a peer: RANK 1, ROW_NUMBER counts arrivals', () => {
    expect(run({ partitionBy: ['g'] }, ['ROW_NUMBER', 'RANK', 'DENSE_RANK', 'CUME_DIST'], ordered)).toEqual([
      [1, 1, 1, 1],
      [1, 1, 1, 1],
      [2, 1, 1, 1],
      [3, 1, 1, 1],
      [4, 1, 1, 1],
    ]);
  });

  it('with ROWS WINDOW BUFFER n ranks over the last n rows the partition holds', () => {
    const rows: Row[] = [1, 2, 3, 4].map((k) => ['x', k, 0]);
    expect(run({ orderBy: ['k'], bufferRows: 2 }, ['ROW_NUMBER', 'RANK', 'DENSE_RANK'], rows)).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [2, 2, 2],
      [2, 2, 2],
    ]);
  });

  it('NTILE(n) deals the rows seen so far into n buckets, larger buckets first (unbounded input)', () => {
    // Arriving in descending order with ORDER BY k: each row is first of the rows seen so far.
    const rows: Row[] = [5, 4, 3, 2, 1].map((k) => ['x', k, 0]);
    const window = over({ orderBy: ['k'], schema: nums }, [c('NTILE', ['3'])]);
    expect(calls(runAnalytic([window], [rows], { schema: nums, bounded: false }).rows, 3)).toEqual([[1], [1], [1], [1], [1]]);
    const last: Row[] = [1, 2, 3, 4, 5, 6, 7].map((k) => ['x', k, 0]);
    // Ordered input: the newest row is the last of N rows, in bucket min(N, 3) once N ≥ 3.
    expect(calls(runAnalytic([window], [last], { schema: nums, bounded: false }).rows, 3)).toEqual([[1], [2], [3], [3], [3], [3], [3]]);
    // Bounded: the 7 rows are dealt 3, 2, 2 as in SQL.
    expect(calls(runAnalytic([window], [last], { schema: nums, bounded: true }).rows, 3)).toEqual([[1], [1], [1], [2], [2], [3], [3]]);
  });
});
