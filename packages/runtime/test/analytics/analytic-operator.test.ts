import { Schema, SqlTypes, type Row } from '@velots/core';
import { Decimal } from '@velots/decimal';
import type { EvalContext } from '@velots/planner';
import { describe, expect, it } from 'vitest';
import { compileSelection, type SelectionOutput } from '../../src/compile/filter-project-compiler.js';
import { analyticNode, bindOver, call, calls, over, plain, runAnalytic } from './analytic-harness.js';

const d = (text: string) => Decimal.parse(text);
const at = (hms: string) => Date.parse(`2024-01-02T${hms}Z`);

describe('AnalyticOperator: the Velostream demo', () => {
  const window = over({ bufferRows: 10, partitionBy: ['symbol'], orderBy: ['ts'] }, [call('LAG', ['price', '1'])]);
  const input: Row[] = [
    ['AAPL', d('150.00'), at('10:00:00'), 1],
    ['GOOGL', d('140.00'), at('10:00:01'), 1],
    ['AAPL', d('151.50'), at('10:00:02'), 1],
    ['GOOGL', d('141.25'), at('10:00:03'), 1],
  ];

  it('LAG(price, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol ORDER BY timestamp) gives each symbol its previous price', () => {
    const { steps, rows } = runAnalytic([window], [input]);
    expect(steps[0]!.rows.length).toBe(4);
    expect(rows.map((r) => [r[0], plain(r[1]), plain(r[4])])).toEqual([
      ['AAPL', '150.00', null],
      ['GOOGL', '140.00', null],
      ['AAPL', '151.50', '150.00'],
      ['GOOGL', '141.25', '140.00'],
    ]);
  });

  it('price - LAG(price, 1) OVER (…) is the change since the symbol’s previous trade, NULL for its first', () => {
    const { rows } = runAnalytic([window], [input.slice(0, 2), input.slice(2)]);
    const node = analyticNode([window]);
    const change = compileSelection({
      predicate: undefined,
      columns: [{ name: 'change', expr: bindOver(node.schema, 'price - c0') }],
      eventTime: undefined,
    }).run;
    const out: SelectionOutput = { rows: [], eventTimes: [], sourceIndex: [], failedIndex: [], failedError: [] };
    const ctx: EvalContext = { now: 0, recordTimestamp: 0, headers: undefined, outputHeaders: undefined };
    change({ schema: node.schema, rows, eventTimes: rows.map(() => 0) }, ctx, out);
    expect(out.rows.map((r) => plain(r[0]))).toEqual([null, null, '1.50', '1.25']);
  });
});

describe('AnalyticOperator: rows in, rows out', () => {
  it('appends one column per call in plan order (windows[0].calls, then windows[1].calls) and keeps event times', () => {
    const byTime = over({ orderBy: ['ts'] }, [call('ROW_NUMBER', []), call('SUM', ['qty'])]);
    const bySymbol = over({ partitionBy: ['symbol'], orderBy: ['ts'] }, [call('COUNT', [])]);
    const { steps } = runAnalytic(
      [byTime, bySymbol],
      [
        [
          ['A', d('1.00'), 1, 10],
          ['B', d('2.00'), 2, 20],
          ['A', d('3.00'), 3, 30],
        ],
      ],
      // Unbounded, so ROW_NUMBER is computed at arrival (a bounded input would rank within the whole partition at the end).
      { eventTimes: (row) => (row[2] as number) * 1000, bounded: false },
    );
    expect(steps[0]!.schema.fields.map((f) => f.name)).toEqual(['symbol', 'price', 'ts', 'qty', 'c0', 'c1', 'c2']);
    expect(calls(steps[0]!.rows)).toEqual([
      [1, 10, 1],
      [2, 30, 1],
      [3, 60, 2],
    ]);
    expect(steps[0]!.eventTimes).toEqual([1000, 2000, 3000]);
  });

  it('holds a LEAD row until the next row of its partition arrives, and the last ones until end of input', () => {
    const window = over({ partitionBy: ['symbol'], orderBy: ['ts'] }, [call('LEAD', ['qty'])]);
    const { steps, finished } = runAnalytic(
      [window],
      [
        [
          ['A', d('1'), 1, 10],
          ['B', d('1'), 2, 20],
        ],
        [['A', d('1'), 3, 30]],
        [
          ['B', d('1'), 4, 40],
          ['C', d('1'), 5, 50],
        ],
      ],
    );
    expect(steps.map((s) => s.rows.map((r) => [r[0], r[3], r[4]]))).toEqual([[], [['A', 10, 30]], [['B', 20, 40]]]);
    expect(finished!.rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['A', 30, null],
      ['B', 40, null],
      ['C', 50, null],
    ]);
  });

  it('emits a held row when the record that completes it arrives, whatever the batch: a held row comes after later rows released earlier', () => {
    // LAG never waits, LEAD does: a window of each, so a row leaves only when both are known.
    const lead = over({ partitionBy: ['symbol'], orderBy: ['ts'] }, [call('LEAD', ['qty'])]);
    const { steps } = runAnalytic(
      [lead],
      [
        [
          ['A', d('1'), 1, 1],
          ['B', d('1'), 2, 2],
          ['B', d('1'), 3, 3],
          ['A', d('1'), 4, 4],
        ],
      ],
    );
    // B@2 is completed by B@3, A@1 by A@4 (later): in the order the completing records arrived.
    expect(steps[0]!.rows.map((r) => [r[3], r[4]])).toEqual([
      [2, 3],
      [1, 4],
    ]);
  });

  it('sends a row whose expressions fail to failures and leaves the others and the state untouched', () => {
    const schema = Schema.of(['g', SqlTypes.STRING], ['s', SqlTypes.STRING]);
    const window = over({ partitionBy: ['g'], schema }, [
      call('SUM', ['CAST(s AS BIGINT)'], { schema }),
      call('ROW_NUMBER', [], { schema }),
    ]);
    const { rows, failures } = runAnalytic(
      [window],
      [
        [
          ['x', '5'],
          ['x', 'five'],
          ['x', '3'],
        ],
      ],
      { schema },
    );
    expect(calls(rows, 2)).toEqual([
      [5, 1],
      [8, 2],
    ]);
    expect(failures.map((f) => f.index)).toEqual([1]);
    expect(String(failures[0]!.error)).toContain('five');
  });

  it('reports a bad LAG offset for that row only', () => {
    const schema = Schema.of(['g', SqlTypes.STRING], ['a', SqlTypes.BIGINT], ['k', SqlTypes.BIGINT]);
    const window = over({ partitionBy: ['g'], schema }, [call('LAG', ['a', 'k'], { schema })]);
    const { rows, failures } = runAnalytic(
      [window],
      [
        [
          ['x', 1, 1],
          ['x', 2, -1],
          ['x', 3, 2],
        ],
      ],
      { schema },
    );
    expect(calls(rows, 3)).toEqual([[null], [1]]);
    expect(failures.map((f) => f.index)).toEqual([1]);
    expect(String(failures[0]!.error)).toContain('LAG offset must be an integer >= 0, got -1');
  });

  it('refuses UNBOUNDED FOLLOWING over an unbounded input without a buffer or expiry (it would hold every row)', () => {
    const window = over({ orderBy: ['ts'] }, [
      call('SUM', ['qty'], {
        frame: { unit: 'ROWS', start: { kind: 'CURRENT_ROW' }, end: { kind: 'UNBOUNDED_FOLLOWING' } },
      }),
    ]);
    expect(() => runAnalytic([window], [], { bounded: false })).toThrow(
      /UNBOUNDED FOLLOWING over an unbounded input needs ROWS WINDOW BUFFER/,
    );
  });
});
