import { Schema, SqlTypes, type Row } from '@velots/core';
import type { FramePlan } from '@velots/planner';
import { describe, expect, it } from 'vitest';
import { call, calls, over, runAnalytic } from './analytic-harness.js';

const nums = Schema.of(['g', SqlTypes.STRING], ['k', SqlTypes.BIGINT], ['v', SqlTypes.BIGINT]);
const c = (name: string, args: string[], frame?: FramePlan) =>
  call(name, args, frame ? { schema: nums, frame } : { schema: nums });
const rows: Row[] = [
  ['x', 1, 10],
  ['y', 1, 100],
  ['x', 2, null],
  ['x', 3, 30],
  ['y', 2, 200],
  ['x', 4, 40],
];
const run = (callsList: ReturnType<typeof c>[], input: Row[] = rows, spec: { bufferRows?: number } = {}) =>
  runAnalytic([over({ partitionBy: ['g'], orderBy: ['k'], schema: nums, ...spec }, callsList)], [input], {
    schema: nums,
  });

describe('LAG and LEAD', () => {
  it('LAG(v), LAG(v, 2, -1) and LAG(v, 0): the value k rows back, the default past the start, NULL values kept', () => {
    expect(calls(run([c('LAG', ['v']), c('LAG', ['v', '2', '-1']), c('LAG', ['v', '0'])]).rows, 3)).toEqual([
      [null, -1, 10],
      [null, -1, 100],
      [10, -1, null],
      [null, 10, 30],
      [100, -1, 200],
      [30, null, 40],
    ]);
  });

  it('LEAD(v, 2, 0) is filled when the second next row of its partition arrives, the default at end of input', () => {
    const { steps, finished } = run([c('LEAD', ['v', '2', '0'])]);
    expect(steps[0]!.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['x', 1, 30],
      ['x', 2, 40],
    ]);
    expect(finished!.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['y', 1, 0],
      ['x', 3, 0],
      ['y', 2, 0],
      ['x', 4, 0],
    ]);
  });

  it('LEAD inside ROWS WINDOW BUFFER n is filled as its row leaves the buffer, from the rows it still sees', () => {
    const input: Row[] = [1, 2, 3, 4, 5].map((k) => ['x', k, k * 10]);
    const { steps, finished } = runAnalytic(
      [over({ orderBy: ['k'], bufferRows: 2, schema: nums }, [c('LEAD', ['v', '2'])])],
      [input.slice(0, 3), input.slice(3)],
      { schema: nums },
    );
    expect(steps.map((s) => calls(s.rows, 3))).toEqual([[[30]], [[40], [50]]]);
    expect(calls(finished!.rows, 3)).toEqual([[null], [null]]);
  });
});

describe('FIRST_VALUE, LAST_VALUE and NTH_VALUE', () => {
  it('over the default frame (partition start → current row): the first row, the row itself, the second row', () => {
    expect(calls(run([c('FIRST_VALUE', ['v']), c('LAST_VALUE', ['v']), c('NTH_VALUE', ['v', '2'])]).rows, 3)).toEqual([
      [10, 10, null],
      [100, 100, null],
      [10, null, null],
      [10, 30, null],
      [100, 200, 200],
      [10, 40, null],
    ]);
  });

  it('over ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING: the previous and the next row (held until it arrives)', () => {
    const frame: FramePlan = {
      unit: 'ROWS',
      start: { kind: 'PRECEDING', offset: 1 },
      end: { kind: 'FOLLOWING', offset: 1 },
    };
    const { rows: out } = run([
      c('FIRST_VALUE', ['v'], frame),
      c('LAST_VALUE', ['v'], frame),
      c('NTH_VALUE', ['v', '3'], frame),
    ]);
    expect(out.map((r) => [r[0], r[1], r[3], r[4], r[5]])).toEqual([
      ['x', 1, 10, null, null],
      ['x', 2, 10, 30, 30],
      ['y', 1, 100, 200, null],
      ['x', 3, null, 40, 40],
      ['y', 2, 100, 200, null],
      ['x', 4, 30, 40, null],
    ]);
  });
});
