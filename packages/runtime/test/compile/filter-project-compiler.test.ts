import { Schema, SqlTypes, createBatch, decimalType, type Row } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { ExpressionBinder, Scope, compareNumericValues, defaultFunctionCatalog, type EvalContext } from '@velots/planner';
import { parseExpression } from '@velots/sql-parser';
import { describe, expect, it } from 'vitest';
import { compileSelection, type SelectionOutput } from '../../src/compile/filter-project-compiler.js';

const schema = Schema.of(['symbol', SqlTypes.STRING], ['price', decimalType(10, 2)], ['qty', SqlTypes.BIGINT], ['note', SqlTypes.STRING]);
const binder = new ExpressionBinder(defaultFunctionCatalog, { file: 'test.sql' });
const scope = Scope.ofSchema(schema, ['t']);
const bind = (sql: string) => binder.bind(parseExpression(sql), scope);

function run(predicate: string | undefined, columns: string[], rows: Row[]): SelectionOutput {
  const { run: compiled } = compileSelection({
    predicate: predicate === undefined ? undefined : bind(predicate),
    columns: columns.map((c, i) => ({ name: `c${i}`, expr: bind(c) })),
    eventTime: undefined,
  });
  const out: SelectionOutput = { rows: [], eventTimes: [], sourceIndex: [], failedIndex: [], failedError: [] };
  const ctx: EvalContext = { now: 0, recordTimestamp: 0, headers: undefined, outputHeaders: undefined };
  compiled(createBatch(schema, rows, rows.map((_, i) => 1000 + i)), ctx, out);
  return out;
}

const d = (text: string) => Decimal.parse(text);
const rows: Row[] = [
  ['AAPL', d('189.25'), 100, 'a'],
  ['MSFT', d('415.10'), 20, null],
  ['GOOG', null, 40, 'c'],
];

describe('compileSelection', () => {
  it('compares DECIMAL values with numeric literals exactly, either side, at any value scale', () => {
    const values = ['250', '250.00', '250.001', '249.999', '-250', '0', '-0.00', '2.5', '2.50', '2.49', '0.0000000000000000000001', '90071992547409.93', '123456789012345678901234.5', '-99999999999999999999'];
    const literals = ['250', '-250', '0', '2.5', '2.50', '-0.001', '9007199254740993', '99999999999999999999', '0.00000000000000000000001'];
    const valueRows: Row[] = values.map((v) => ['x', d(v), 1, null]);
    for (const literal of literals) {
      for (const op of ['<', '<=', '>', '>=', '=', '<>']) {
        const expected = (a: unknown, b: unknown) => {
          const c = compareNumericValues(a as never, b as never);
          return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '=' ? c === 0 : c !== 0;
        };
        const lit = d(literal);
        const right = run(undefined, [`price ${op} ${literal}`], valueRows).rows.map((r) => r[0]);
        expect(right, `price ${op} ${literal}`).toEqual(values.map((v) => expected(d(v), lit)));
        const left = run(undefined, [`${literal} ${op} price`], valueRows).rows.map((r) => r[0]);
        expect(left, `${literal} ${op} price`).toEqual(values.map((v) => expected(lit, d(v))));
      }
    }
    expect(run(undefined, ['price > 250'], [['x', null, 1, null]]).rows).toEqual([[null]]);
  });

  it('filters with three-valued logic and computes exact decimal products', () => {
    const out = run('price * qty > 10000', ['symbol', 'price * qty'], rows);
    expect(out.rows.map((r) => [r[0], String(r[1])])).toEqual([['AAPL', '18925.00']]);
    expect(out.sourceIndex).toEqual([0]);
    expect(out.eventTimes).toEqual([1000]);
  });

  it('keeps only TRUE rows: NULL comparisons drop the row, IS NULL finds it', () => {
    expect(run('price > 0', ['symbol'], rows).rows).toEqual([['AAPL'], ['MSFT']]);
    expect(run('NOT (price > 0)', ['symbol'], rows).rows).toEqual([]);
    expect(run('price IS NULL OR note IS NULL', ['symbol'], rows).rows).toEqual([['MSFT'], ['GOOG']]);
  });

  it('evaluates CASE, IN, BETWEEN, LIKE and || over each row', () => {
    const out = run(undefined, [
      "CASE WHEN qty >= 100 THEN 'big' WHEN qty >= 40 THEN 'mid' ELSE 'small' END",
      "symbol IN ('AAPL', 'GOOG')",
      'qty BETWEEN 20 AND 40',
      "symbol LIKE 'M%'",
      "symbol || '-' || qty",
    ], rows);
    expect(out.rows).toEqual([
      ['big', true, false, false, 'AAPL-100'],
      ['small', false, true, true, 'MSFT-20'],
      ['mid', true, true, false, 'GOOG-40'],
    ]);
  });

  it('turns division by zero into NULL and integer division into DOUBLE', () => {
    const out = run(undefined, ['qty / 0', 'qty / 8', 'price / 0'], rows.slice(0, 1));
    expect(out.rows).toEqual([[null, 12.5, null]]);
  });

  it('routes a record whose expression throws to the failures, not the output', () => {
    const out = run(undefined, ['CAST(note AS BIGINT)'], [['X', d('1.00'), 1, '12'], ['Y', d('1.00'), 2, 'twelve']]);
    expect(out.rows).toEqual([[12]]);
    expect(out.failedIndex).toEqual([1]);
    expect((out.failedError[0] as { code: string }).code).toBe('CAST_FAILED');
  });

  it('treats SQL string literals as data, never as code', () => {
    const hostile = "'); process.exit(1); //";
    const sqlLiteral = `'${hostile.replace(/'/g, "''")}'`;
    const { run: compiled, source } = compileSelection({
      predicate: bind(`note <> ${sqlLiteral}`),
      columns: [{ name: 'x', expr: bind(`${sqlLiteral} || symbol`) }],
      eventTime: undefined,
    });
    expect(source).not.toContain('process.exit');
    const out: SelectionOutput = { rows: [], eventTimes: [], sourceIndex: [], failedIndex: [], failedError: [] };
    compiled(createBatch(schema, [['S', d('1.00'), 1, 'n']]), { now: 0, recordTimestamp: 0, headers: undefined, outputHeaders: undefined }, out);
    expect(out.rows).toEqual([[`${hostile}S`]]);
  });
});

describe('DECIMAL with BIGINT arithmetic', () => {
  it('multiplies, adds and subtracts without widening the integer first, either side, bigints included', () => {
    const out = run(undefined, ['price * qty', 'qty * price', 'price + qty', 'qty - price', 'price - 9007199254740993'], [
      ['A', d('-0.05'), 3, null],
      ['B', d('189.25'), 9007199254740993n as unknown as number, null],
    ]);
    expect(out.rows.map((r) => r.map(String))).toEqual([
      ['-0.15', '-0.15', '2.95', '3.05', '-9007199254740993.05'],
      ['1704612458959732925.25', '1704612458959732925.25', '9007199254741182.25', '9007199254740803.75', '-9007199254740803.75'],
    ]);
  });
});
