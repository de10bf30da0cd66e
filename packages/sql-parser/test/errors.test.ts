import { describe, expect, it } from 'vitest';
import { VeloError } from '@velots/core';
import { parse, parseExpression, parseStatement, type SyntaxErrorEntry } from '@velots/sql-parser';

/** The VeloError `parse` throws for `text`. */
function syntaxError(text: string, run: (t: string) => unknown = (t) => parse(t, { file: 'app.sql' })): VeloError {
  try {
    run(text);
  } catch (error) {
    if (error instanceof VeloError) return error;
    throw new Error(`not a VeloError: ${String(error)}`);
  }
  throw new Error(`no error for ${text}`);
}

function firstError(text: string): { message: string; line: number; column: number; offset: number } {
  const e = syntaxError(text);
  expect(e.code).toBe('SQL_SYNTAX');
  const p = e.position;
  if (!p) throw new Error('unpositioned');
  return { message: e.message, line: p.line, column: p.column, offset: p.offset };
}

describe('syntax errors', () => {
  it('formats as file:line:col, the source line and a caret under the token', () => {
    const text = 'SELECT symbol\nFROM trades\nWHERE price > 10 GRUOP BY symbol';
    expect(syntaxError(text).format(text)).toBe(
      [
        "app.sql:3:18: expected an operator, FROM, INNER, LEFT, RIGHT, FULL, CROSS, JOIN, WHERE, GROUP BY, WINDOW, HAVING, … but found 'GRUOP'; did you mean GROUP?",
        'WHERE price > 10 GRUOP BY symbol',
        '                 ^^^^^',
      ].join('\n'),
    );
  });

  it('suggests the keyword a misspelt word was meant to be', () => {
    expect(firstError('SELECT * FORM trades')).toEqual({
      message: "expected ',', FROM, INNER, LEFT, RIGHT, FULL, CROSS, JOIN, WHERE, GROUP BY, WINDOW, HAVING, … but found 'FORM'; did you mean FROM?",
      line: 1, column: 10, offset: 9,
    });
    expect(firstError('SELCT a FROM t')).toMatchObject({ message: expect.stringMatching(/but found 'SELCT'; did you mean SELECT\?$/), column: 1 });
  });

  it('points at a misspelt keyword that was first read as an alias', () => {
    expect(firstError('SELECT a FORM trades')).toMatchObject({ message: expect.stringMatching(/but found 'FORM'; did you mean FROM\?$/), column: 10, offset: 9 });
  });

  it('says what was expected at the end of the input', () => {
    expect(firstError('SELECT a FROM t WHERE')).toEqual({ message: 'expected an expression but found end of input', line: 1, column: 22, offset: 21 });
    expect(firstError('SELECT (a + b FROM t')).toEqual({ message: "expected an operator or ')' but found 'FROM'", line: 1, column: 15, offset: 14 });
  });

  it('rejects a comma join, a trailing comma and a missing select item', () => {
    expect(firstError('SELECT a FROM t1, t2')).toMatchObject({ message: expect.stringMatching(/found ','; comma joins are not supported, write JOIN … ON$/), column: 17 });
    expect(firstError("SELECT a FROM s WITH ('k' = 'v',)")).toEqual({
      message: "expected a string, a number, a duration, TRUE, FALSE or a name but found ')'", line: 1, column: 33, offset: 32,
    });
    expect(firstError('SELECT a, FROM t')).toEqual({ message: "expected an expression or '*' but found 'FROM'", line: 1, column: 11, offset: 10 });
  });

  it('rejects leftover tokens instead of dropping them (VS drops them silently)', () => {
    expect(firstError('SELECT a b c FROM t')).toMatchObject({ message: expect.stringMatching(/found 'c'$/), column: 12 });
    expect(firstError('SELECT a FROM t WINDOW TUMBLING(5 MINUTES)')).toEqual({ message: "expected an operator, ',' or ')' but found 'MINUTES'", line: 1, column: 35, offset: 34 });
  });

  it('reports checks made after matching the grammar at the offending place', () => {
    expect(firstError('SELECT a FROM t GROUP BY a GROUP BY b')).toEqual({ message: 'GROUP BY is written twice in one SELECT', line: 1, column: 28, offset: 27 });
    expect(firstError("SELECT INTERVAL '3' FORTNIGHT")).toEqual({
      message: "unknown INTERVAL unit 'FORTNIGHT': expected MILLISECOND, SECOND, MINUTE, HOUR, DAY, WEEK", line: 1, column: 21, offset: 20,
    });
    expect(firstError('SELECT CAST(x AS DECIMAL(50, 2))')).toEqual({ message: 'DECIMAL precision must be 1..38, got 50', line: 1, column: 18, offset: 17 });
    expect(firstError('SELECT CAST(x AS BLOB)')).toEqual({ message: "unknown type 'BLOB'", line: 1, column: 18, offset: 17 });
    expect(firstError('SELECT a FROM t WINDOW SLIDING(5m)')).toEqual({ message: 'expected SLIDING([time,] size, advance)', line: 1, column: 24, offset: 23 });
    expect(firstError('SELECT a JOIN b ON a.x = b.x')).toEqual({ message: 'JOIN must follow FROM', line: 1, column: 10, offset: 9 });
    expect(firstError('SELECT a FROM t LIMIT 1.5')).toEqual({ message: 'LIMIT takes a whole number', line: 1, column: 23, offset: 22 });
    expect(firstError('CREATE STREAM s')).toEqual({ message: 'CREATE STREAM needs a column list or AS SELECT', line: 1, column: 1, offset: 0 });
    expect(firstError('SHOW WIDGETS')).toMatchObject({ message: expect.stringMatching(/^expected STREAMS, TABLES, .* after SHOW but found 'WIDGETS'$/), column: 6 });
    expect(firstError('DEPLOY JOB j VERSION 2 AS SELECT 1')).toEqual({ message: "expected a string but found '2'", line: 1, column: 22, offset: 21 });
  });

  it('reports lexical errors: unterminated strings, comments and identifiers, unknown characters', () => {
    expect(firstError("SELECT 'abc FROM t")).toEqual({ message: 'unterminated string literal: missing closing quote', line: 1, column: 8, offset: 7 });
    expect(firstError('SELECT a /* never closed')).toEqual({ message: "unterminated comment: '/*' has no closing '*/'", line: 1, column: 10, offset: 9 });
    expect(firstError('SELECT `a FROM t')).toEqual({ message: 'unterminated quoted identifier: missing closing backquote', line: 1, column: 8, offset: 7 });
    expect(firstError('SELECT a ? b')).toEqual({ message: "unexpected '?'", line: 1, column: 10, offset: 9 });
    expect(firstError('SELECT .5')).toMatchObject({ message: "expected an expression, DISTINCT, ALL or '*' but found '.'", column: 8 });
  });

  it('keeps going after a bad statement and reports up to 10 errors', () => {
    const e = syntaxError('SELECT a FROM t;\nSELECT b FRM u;\nSELECT c FROM v WHERE;');
    const errors = e.details?.['errors'] as SyntaxErrorEntry[];
    expect(errors.map((x) => [x.position.line, x.position.column])).toEqual([[2, 10], [3, 22]]);
    const many = syntaxError(Array.from({ length: 25 }, () => 'SELECT FROM').join(';\n'));
    expect((many.details?.['errors'] as SyntaxErrorEntry[]).length).toBe(10);
  });

  it('positions parseExpression and parseStatement errors too', () => {
    expect(syntaxError('a + * b', (t) => parseExpression(t)).position).toMatchObject({ line: 1, column: 5 });
    expect(syntaxError('SELECT 1; SELECT 2', (t) => parseStatement(t)).message).toBe('expected one statement but found 2');
  });
});

describe('annotation errors', () => {
  it('rejects a bad metric name', () => {
    expect(firstError('-- @metric: 9bad\nSELECT 1')).toEqual({
      message: "invalid metric name '9bad': use letters, digits, '_' and ':' (not starting with a digit)", line: 1, column: 1, offset: 0,
    });
  });

  it('rejects a gauge without @metric_field', () => {
    expect(firstError('-- @metric: g\n-- @metric_type: gauge\nSELECT 1')).toEqual({ message: "gauge metric 'g' needs @metric_field", line: 1, column: 1, offset: 0 });
  });

  it('rejects @metric_* before @metric', () => {
    expect(firstError('-- @metric_type: counter\nSELECT 1')).toEqual({ message: '@metric_type must follow a @metric line', line: 1, column: 1, offset: 0 });
  });

  it('rejects buckets that are not strictly ascending', () => {
    expect(firstError('-- @metric: h\n-- @metric_type: histogram\n-- @metric_field: x\n-- @metric_buckets: 5, 1\nSELECT 1')).toEqual({
      message: "@metric_buckets must be positive numbers in strictly ascending order, got '5, 1'", line: 4, column: 1, offset: 61,
    });
  });

  it('rejects a metric condition that is not an expression', () => {
    expect(firstError('-- @metric: c\n-- @metric_condition: x >\nSELECT 1')).toMatchObject({ message: expect.stringMatching(/^invalid @metric_condition: expected an expression/), line: 2 });
  });

  it('keeps unknown annotations with a warning, never an error', () => {
    const script = parse('-- @shiny: yes\nSELECT 1');
    expect(script.warnings.map((w) => [w.code, w.message, w.span.line])).toEqual([['ANNOTATION', 'unknown annotation @shiny is ignored', 1]]);
    expect(script.statements[0]?.annotations.raw.map((a) => [a.key, a.value])).toEqual([['shiny', 'yes']]);
  });
});
