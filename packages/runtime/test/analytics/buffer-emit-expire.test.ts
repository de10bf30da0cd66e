import { Schema, SqlTypes, type Row } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { call, calls, over, runAnalytic } from './analytic-harness.js';

const nums = Schema.of(['g', SqlTypes.STRING], ['k', SqlTypes.BIGINT], ['v', SqlTypes.BIGINT]);
const c = (name: string, args: string[] = []) => call(name, args, { schema: nums });
const series: Row[] = [1, 2, 3, 4, 5].map((v) => ['x', v, v]);

describe('ROWS WINDOW BUFFER n ROWS', () => {
  it('computes each row over the last n rows of its partition, itself included', () => {
    const window = over({ bufferRows: 3, partitionBy: ['g'], orderBy: ['k'], schema: nums }, [
      c('SUM', ['v']),
      c('COUNT'),
      c('FIRST_VALUE', ['v']),
      c('LAG', ['v', '3']),
    ]);
    expect(calls(runAnalytic([window], [series], { schema: nums }).rows, 3)).toEqual([
      [1, 1, 1, null],
      [3, 2, 1, null],
      [6, 3, 1, null],
      [9, 3, 2, null],
      [12, 3, 3, null],
    ]);
  });

  it('keeps a buffer per partition', () => {
    const rows: Row[] = [
      ['a', 1, 1],
      ['b', 1, 10],
      ['a', 2, 2],
      ['a', 3, 3],
      ['b', 2, 20],
    ];
    const window = over({ bufferRows: 2, partitionBy: ['g'], orderBy: ['k'], schema: nums }, [c('SUM', ['v'])]);
    expect(calls(runAnalytic([window], [rows], { schema: nums }).rows, 3)).toEqual([[1], [10], [3], [5], [30]]);
  });

  it('evicts the oldest arrival when rows arrive out of order', () => {
    const rows: Row[] = [
      ['x', 5, 5],
      ['x', 1, 1],
      ['x', 3, 3],
    ];
    const window = over({ bufferRows: 2, orderBy: ['k'], schema: nums }, [c('SUM', ['v']), c('ROW_NUMBER')]);
    // The third row pushes out k=5 (the oldest arrival); it sees k=1 and itself.
    expect(calls(runAnalytic([window], [rows], { schema: nums }).rows, 3)).toEqual([
      [5, 1],
      [1, 1],
      [4, 2],
    ]);
  });
});

describe('EMIT ON BUFFER FULL', () => {
  it('emits a row only once its partition’s buffer holds n rows (earlier rows only fill the buffer)', () => {
    const rows: Row[] = [
      ['a', 1, 1],
      ['a', 2, 2],
      ['b', 1, 10],
      ['a', 3, 3],
      ['b', 2, 20],
      ['a', 4, 4],
    ];
    const window = over(
      { bufferRows: 2, emitMode: 'ON_BUFFER_FULL', partitionBy: ['g'], orderBy: ['k'], schema: nums },
      [c('AVG', ['v'])],
    );
    expect(runAnalytic([window], [rows], { schema: nums }).rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['a', 2, 1.5],
      ['a', 3, 2.5],
      ['b', 2, 15],
      ['a', 4, 3.5],
    ]);
  });
});

describe('EXPIRE AFTER … INACTIVITY', () => {
  const window = (calls: ReturnType<typeof c>[]) =>
    over({ partitionBy: ['g'], orderBy: ['k'], expireAfterMs: 10_000, schema: nums }, calls);
  const byTime = (row: Row) => row[1] as number;

  it('starts a partition afresh when its latest event is older than the newest event seen minus the interval', () => {
    const rows: Row[] = [
      ['a', 0, 1],
      ['b', 5_000, 2],
      ['b', 12_000, 3],
      ['a', 12_500, 4],
      ['a', 13_000, 5],
    ];
    const { rows: out } = runAnalytic([window([c('ROW_NUMBER'), c('LAG', ['v']), c('SUM', ['v'])])], [rows], {
      schema: nums,
      eventTimes: byTime,
    });
    expect(calls(out, 3)).toEqual([
      [1, null, 1],
      [1, null, 2],
      [2, 2, 5],
      [1, null, 4],
      [2, 4, 9],
    ]);
  });

  it('releases the held rows of an expired partition at the end of the batch that expired it', () => {
    const { steps, finished } = runAnalytic(
      [window([c('LEAD', ['v', '1', '-1'])])],
      [
        [
          ['a', 0, 1],
          ['b', 5_000, 2],
        ],
        [['b', 20_000, 3]],
      ],
      { schema: nums, eventTimes: byTime },
    );
    // b's row at 5 000 expires as b's row at 20 000 arrives (5 000 < 20 000 − 10 000); a's at the batch end.
    expect(steps.map((s) => s.rows.map((r) => [r[0], r[1], r[3]]))).toEqual([
      [],
      [
        ['a', 0, -1],
        ['b', 5_000, -1],
      ],
    ]);
    expect(finished!.rows.map((r) => [r[0], r[1], r[3]])).toEqual([['b', 20_000, -1]]);
  });
});

describe('several OVER specifications in one operator', () => {
  it('emits a row once every window knows its values', () => {
    const lag = over({ partitionBy: ['g'], orderBy: ['k'], schema: nums }, [c('LAG', ['v'])]);
    const lead = over({ orderBy: ['k'], schema: nums }, [c('LEAD', ['v'])]);
    const rows: Row[] = [
      ['a', 1, 1],
      ['b', 2, 2],
      ['a', 3, 3],
    ];
    const { steps, finished } = runAnalytic([lag, lead], [rows.slice(0, 2), rows.slice(2)], { schema: nums });
    expect(steps.map((s) => calls(s.rows, 3))).toEqual([[[null, 2]], [[null, 3]]]);
    expect(calls(finished!.rows, 3)).toEqual([[1, null]]);
  });
});
