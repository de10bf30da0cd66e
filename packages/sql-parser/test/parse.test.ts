import { describe, expect, it } from 'vitest';
import { decimalType, SqlTypes, arrayType, mapType, structType, field, stringType } from '@velots/core';
import { parse, parseExpression, parseStatement, tokenize, type Select, type Statement } from '@velots/sql-parser';
import { stripSpans } from './strip-spans.js';

function selectOf(statement: Statement): Select {
  if (!('query' in statement)) throw new Error(`no query in ${statement.kind}`);
  return statement.query as Select;
}

describe('literals', () => {
  it('keeps the exact text of numbers and classifies them as §0 says', () => {
    expect(stripSpans(parseExpression('42'))).toEqual({ kind: 'NumberLiteral', text: '42', numericKind: 'integer' });
    expect(stripSpans(parseExpression('2.50'))).toEqual({ kind: 'NumberLiteral', text: '2.50', numericKind: 'decimal' });
    expect(stripSpans(parseExpression('1e3'))).toEqual({ kind: 'NumberLiteral', text: '1e3', numericKind: 'double' });
    expect(stripSpans(parseExpression('12345678901234567890.123456789'))).toEqual({
      kind: 'NumberLiteral', text: '12345678901234567890.123456789', numericKind: 'decimal',
    });
  });

  it("unescapes '' in single- and double-quoted strings", () => {
    expect(stripSpans(parseExpression("'it''s'"))).toEqual({ kind: 'StringLiteral', value: "it's" });
    expect(stripSpans(parseExpression('"say ""hi"""'))).toEqual({ kind: 'StringLiteral', value: 'say "hi"' });
  });

  it('resolves INTERVAL literals and durations to milliseconds', () => {
    expect(stripSpans(parseExpression("INTERVAL '5' MINUTE"))).toEqual({ kind: 'IntervalLiteral', value: '5', unit: 'MINUTE', ms: 300_000 });
    expect(stripSpans(parseExpression('INTERVAL 2 HOURS'))).toEqual({ kind: 'IntervalLiteral', value: '2', unit: 'HOUR', ms: 7_200_000 });
    expect(stripSpans(parseExpression('500ms'))).toEqual({ kind: 'DurationLiteral', text: '500ms', amount: 500, unit: 'ms', ms: 500 });
    expect(stripSpans(parseExpression('1m'))).toMatchObject({ kind: 'DurationLiteral', ms: 60_000 });
    expect(stripSpans(parseExpression('30s'))).toMatchObject({ kind: 'DurationLiteral', ms: 30_000 });
    expect(stripSpans(parseExpression('1d'))).toMatchObject({ kind: 'DurationLiteral', ms: 86_400_000 });
  });

  it('reads TRUE, FALSE, NULL and CURRENT_TIMESTAMP in any case', () => {
    expect(stripSpans(parseExpression('true'))).toEqual({ kind: 'BooleanLiteral', value: true });
    expect(stripSpans(parseExpression('False'))).toEqual({ kind: 'BooleanLiteral', value: false });
    expect(stripSpans(parseExpression('null'))).toEqual({ kind: 'NullLiteral' });
    expect(stripSpans(parseExpression('current_timestamp'))).toEqual({ kind: 'CurrentTimeExpr', keyword: 'CURRENT_TIMESTAMP' });
  });
});

describe('operator precedence', () => {
  it('binds AND tighter than OR and NOT looser than comparisons', () => {
    expect(stripSpans(parseExpression('NOT a = 1 OR b AND c'))).toEqual({
      kind: 'BinaryExpr', op: 'OR',
      left: { kind: 'UnaryExpr', op: 'NOT', operand: { kind: 'BinaryExpr', op: '=', left: { kind: 'ColumnRef', name: 'a', quoted: false }, right: { kind: 'NumberLiteral', text: '1', numericKind: 'integer' } } },
      right: { kind: 'BinaryExpr', op: 'AND', left: { kind: 'ColumnRef', name: 'b', quoted: false }, right: { kind: 'ColumnRef', name: 'c', quoted: false } },
    });
  });

  it('binds * over + over || and keeps left associativity', () => {
    const e = parseExpression("a || b + c * d - e");
    expect(e.kind === 'BinaryExpr' && e.op).toBe('||');
    const right = e.kind === 'BinaryExpr' ? e.right : e;
    expect(right.kind === 'BinaryExpr' && right.op).toBe('-');
    const sum = right.kind === 'BinaryExpr' ? right.left : right;
    expect(sum.kind === 'BinaryExpr' && sum.op).toBe('+');
  });

  it('normalises != to <> and applies :: before unary minus', () => {
    expect(parseExpression('a != b')).toMatchObject({ kind: 'BinaryExpr', op: '<>' });
    expect(stripSpans(parseExpression('-x::INT'))).toMatchObject({ kind: 'UnaryExpr', op: '-', operand: { kind: 'CastExpr', syntax: '::' } });
  });

  it('parses every predicate form', () => {
    expect(parseExpression('a IS NOT NULL')).toMatchObject({ kind: 'IsExpr', test: 'NULL', not: true });
    expect(parseExpression('a IS TRUE')).toMatchObject({ kind: 'IsExpr', test: 'TRUE', not: false });
    expect(parseExpression('a IS DISTINCT FROM b')).toMatchObject({ kind: 'IsDistinctFromExpr', not: false });
    expect(parseExpression('a NOT BETWEEN 1 AND 2')).toMatchObject({ kind: 'BetweenExpr', not: true });
    expect(parseExpression('a IN (1, 2)')).toMatchObject({ kind: 'InListExpr', not: false });
    expect(parseExpression('a NOT IN (SELECT b FROM t)')).toMatchObject({ kind: 'InSubqueryExpr', not: true });
    expect(parseExpression("a NOT ILIKE 'x%' ESCAPE '!'")).toMatchObject({ kind: 'LikeExpr', not: true, caseInsensitive: true, escape: { kind: 'StringLiteral', value: '!' } });
    expect(parseExpression('a = ANY (SELECT b FROM t)')).toMatchObject({ kind: 'QuantifiedComparisonExpr', op: '=', quantifier: 'ANY' });
    expect(parseExpression('a > ALL (1, 2)')).toMatchObject({ kind: 'QuantifiedComparisonExpr', op: '>', quantifier: 'ALL' });
    expect(parseExpression('EXISTS (SELECT 1 FROM t)')).toMatchObject({ kind: 'ExistsExpr' });
    expect(parseExpression('(SELECT MAX(x) FROM t)')).toMatchObject({ kind: 'SubqueryExpr' });
  });
});

describe('functions and special forms', () => {
  it('reads COUNT(*), COUNT(DISTINCT x) and FILTER', () => {
    expect(parseExpression('count(*)')).toMatchObject({ kind: 'FunctionCall', name: 'count', upperName: 'COUNT', star: true, args: [] });
    expect(parseExpression('COUNT(DISTINCT x)')).toMatchObject({ distinct: true, args: [{ kind: 'ColumnRef', name: 'x' }] });
    expect(parseExpression('SUM(x) FILTER (WHERE x > 0)')).toMatchObject({ filter: { kind: 'BinaryExpr', op: '>' } });
  });

  it('reads both CASE forms, CAST, EXTRACT and POSITION', () => {
    expect(parseExpression("CASE x WHEN 1 THEN 'a' END")).toMatchObject({ kind: 'CaseExpr', operand: { kind: 'ColumnRef' }, whens: [{ kind: 'WhenClause' }] });
    expect(parseExpression("CASE WHEN x THEN 1 ELSE 2 END")).toMatchObject({ kind: 'CaseExpr', operand: undefined, else: { text: '2' } });
    expect(parseExpression('CAST(x AS DECIMAL(10,2))')).toMatchObject({ kind: 'CastExpr', syntax: 'CAST', type: { name: 'DECIMAL', type: decimalType(10, 2) } });
    expect(parseExpression('EXTRACT(hour FROM ts)')).toMatchObject({ kind: 'ExtractExpr', part: 'HOUR' });
    expect(parseExpression("POSITION('a' IN s)")).toMatchObject({ kind: 'PositionExpr' });
    expect(parseExpression("POSITION('a', s)")).toMatchObject({ kind: 'FunctionCall', upperName: 'POSITION' });
    expect(parseExpression("LEFT(s, 2)")).toMatchObject({ kind: 'FunctionCall', upperName: 'LEFT' });
  });

  it("reads SQL's SUBSTRING(s FROM a FOR b) and TRIM([BOTH|LEADING|TRAILING] [chars] FROM s) as plain calls", () => {
    const x = { kind: 'ColumnRef', name: 'x' };
    expect(parseExpression('SUBSTRING(x FROM 2 FOR 3)')).toMatchObject({ kind: 'FunctionCall', upperName: 'SUBSTRING', args: [x, { text: '2' }, { text: '3' }] });
    expect(parseExpression('substr(x from (1 + 1))')).toMatchObject({ upperName: 'SUBSTRING', args: [x, { kind: 'BinaryExpr', op: '+' }] });
    expect(parseExpression("TRIM(LEADING '0' FROM x)")).toMatchObject({ upperName: 'LTRIM', args: [x, { kind: 'StringLiteral', value: '0' }] });
    expect(parseExpression("TRIM(trailing '.' FROM x)")).toMatchObject({ upperName: 'RTRIM', args: [x, { value: '.' }] });
    expect(parseExpression("TRIM(BOTH FROM x)")).toMatchObject({ upperName: 'TRIM', args: [x] });
    expect(parseExpression("TRIM('x' FROM x)")).toMatchObject({ upperName: 'TRIM', args: [x, { value: 'x' }] });
    expect(parseExpression('TRIM(x)')).toMatchObject({ upperName: 'TRIM', args: [x] });
    expect(parseExpression('SUBSTRING(x, 2)')).toMatchObject({ upperName: 'SUBSTRING', args: [x, { text: '2' }] });
    expect(() => parseExpression('SUBSTRING(x FROM 2 3)')).toThrow(/SQL_SYNTAX|expected/);
  });

  it('reads the VS OVER form with its buffer, frame, EMIT and EXPIRE', () => {
    const e = parseExpression(
      "AVG(p) OVER (ROWS WINDOW BUFFER 100 ROWS PARTITION BY s ORDER BY ts DESC RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW EMIT ON BUFFER FULL EXPIRE AFTER NEVER)",
    );
    expect(stripSpans(e)).toMatchObject({
      over: {
        kind: 'WindowSpec', bufferRows: 100, emitMode: 'ON_BUFFER_FULL', expire: { kind: 'ExpireClause' },
        partitionBy: [{ name: 's' }], orderBy: [{ direction: 'DESC' }],
        frame: { unit: 'RANGE', start: { type: 'PRECEDING', offset: { kind: 'IntervalLiteral', ms: 60_000 } }, end: { type: 'CURRENT_ROW' } },
      },
    });
  });

  it('reads WITHIN GROUP for percentiles', () => {
    expect(parseExpression('PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x)')).toMatchObject({ withinGroup: [{ expr: { name: 'x' } }] });
  });
});

describe('types', () => {
  it('resolves written types to core SqlTypes and keeps the written name', () => {
    const t = (sql: string): unknown => {
      const e = parseExpression(`CAST(x AS ${sql})`);
      return e.kind === 'CastExpr' ? [e.type.name, e.type.type] : undefined;
    };
    expect(t('INT')).toEqual(['INT', SqlTypes.BIGINT]);
    expect(t('numeric')).toEqual(['NUMERIC', decimalType(38, 4)]);
    expect(t('SCALED_INTEGER')).toEqual(['SCALED_INTEGER', decimalType(38, 4)]);
    expect(t('VARCHAR(10)')).toEqual(['VARCHAR', stringType(10)]);
    expect(t('ARRAY<INT>')).toEqual(['ARRAY', arrayType(SqlTypes.BIGINT)]);
    expect(t('MAP(STRING, DOUBLE)')).toEqual(['MAP', mapType(SqlTypes.STRING, SqlTypes.DOUBLE)]);
    expect(t('STRUCT(a INT, b DATE)')).toEqual(['STRUCT', structType([field('a', SqlTypes.BIGINT), field('b', SqlTypes.DATE)])]);
    expect(t('DATETIME')).toEqual(['DATETIME', SqlTypes.TIMESTAMP]);
  });
});

describe('names', () => {
  it('lets streaming keywords be column names and back-quotes odd names', () => {
    const items = selectOf(parseStatement('SELECT key, value, timestamp, window, `odd name`, t.date FROM t')).items;
    expect(items.map((i) => (i.kind === 'SelectExprItem' ? stripSpans(i.expr) : i.kind))).toEqual([
      { kind: 'ColumnRef', name: 'key', quoted: false },
      { kind: 'ColumnRef', name: 'value', quoted: false },
      { kind: 'ColumnRef', name: 'timestamp', quoted: false },
      { kind: 'ColumnRef', name: 'window', quoted: false },
      { kind: 'ColumnRef', name: 'odd name', quoted: true },
      { kind: 'ColumnRef', qualifier: 't', qualifierQuoted: false, name: 'date', quoted: false },
    ]);
  });

  it('takes an alias with or without AS, but not a clause keyword', () => {
    const s = selectOf(parseStatement('SELECT a x, b AS y FROM t z WINDOW TUMBLING(1m) EMIT CHANGES'));
    expect(s.items.map((i) => (i.kind === 'SelectExprItem' ? i.alias?.name : undefined))).toEqual(['x', 'y']);
    expect(s.from?.alias?.name).toBe('z');
    expect(s.window?.kind).toBe('TumblingWindow');
    expect(s.emit).toBe('CHANGES');
  });
});

describe('SELECT clauses', () => {
  it('accepts the clauses in any order', () => {
    const a = parseStatement('SELECT s, COUNT(*) FROM t WINDOW TUMBLING(1m) HAVING COUNT(*) > 1 GROUP BY s EMIT FINAL');
    const b = parseStatement('SELECT s, COUNT(*) FROM t GROUP BY s WINDOW TUMBLING(1m) HAVING COUNT(*) > 1 EMIT FINAL');
    expect(stripSpans(a)).toEqual(stripSpans(b));
  });

  it('reads every window form of §5', () => {
    const w = (sql: string): unknown => stripSpans(selectOf(parseStatement(`SELECT 1 FROM t WINDOW ${sql}`)).window);
    expect(w('TUMBLING(1m)')).toEqual({ kind: 'TumblingWindow', sizeMs: 60_000, size: { kind: 'DurationLiteral', text: '1m', amount: 1, unit: 'm', ms: 60_000 } });
    expect(w("TUMBLING(ts, INTERVAL '1' MINUTE)")).toMatchObject({ kind: 'TumblingWindow', sizeMs: 60_000, timeColumn: { name: 'ts' } });
    expect(w('TUMBLING(60)')).toMatchObject({ sizeMs: 60_000 });
    expect(w("SLIDING(ts, 5m, INTERVAL '1' MINUTE)")).toMatchObject({ kind: 'SlidingWindow', keyword: 'SLIDING', sizeMs: 300_000, advanceMs: 60_000 });
    expect(w('HOPPING(10m, 5m)')).toMatchObject({ kind: 'SlidingWindow', keyword: 'HOPPING', sizeMs: 600_000, advanceMs: 300_000 });
    expect(w('SESSION(30s)')).toMatchObject({ kind: 'SessionWindow', gapMs: 30_000, partitionColumns: [] });
    expect(w('SESSION(ts, 30s, region, device)')).toMatchObject({ gapMs: 30_000, timeColumn: { name: 'ts' }, partitionColumns: [{ name: 'region' }, { name: 'device' }] });
  });

  it('reads joins with their type, alias, condition and WITHIN bound', () => {
    const s = selectOf(parseStatement('SELECT 1 FROM a LEFT OUTER JOIN b AS x ON a.k = x.k WITHIN 10s FULL JOIN c USING (k) JOIN d ON TRUE'));
    expect(s.joins.map((j) => [j.joinType, j.alias?.name, j.withinMs, j.using?.map((u) => u.name)])).toEqual([
      ['LEFT', 'x', 10_000, undefined],
      ['FULL', undefined, undefined, ['k']],
      ['INNER', undefined, undefined, undefined],
    ]);
  });

  it('reads PRIMARY KEY items, quoted URIs, INTO, WITH and UNION', () => {
    const st = parseStatement(
      "CREATE TABLE t AS SELECT sym AS s PRIMARY KEY, region PRIMARY KEY, n FROM 'file://./in.csv' EMIT CHANGES WITH ('t.type' = 'file_sink') UNION ALL SELECT 1, 2, 3",
    );
    expect(st.kind).toBe('CreateTableAs');
    const s = selectOf(st);
    expect(s.items.map((i) => i.kind === 'SelectExprItem' && i.primaryKey)).toEqual([true, true, false]);
    expect(s.from?.source).toMatchObject({ kind: 'UriRelation', uri: 'file://./in.csv' });
    expect(s.with.map((p) => [p.key, p.value])).toEqual([['t.type', 'file_sink']]);
    expect(s.union).toMatchObject({ all: true, select: { kind: 'Select' } });
    const insert = selectOf(parseStatement("SELECT * FROM s EMIT CHANGES INTO 'kafka://h:9092/out'"));
    expect(insert.into).toMatchObject({ kind: 'UriRelation', uri: 'kafka://h:9092/out' });
  });

  it('keeps ${VAR} in WITH values for the planner', () => {
    const s = selectOf(parseStatement("SELECT 1 FROM s WITH (type = kafka_source, 'port' = 9092) WITH ('path' = '${DATA:./d.csv}')"));
    expect(s.from?.withProps.map((p) => [p.key, p.value, p.valueKind])).toEqual([['type', 'kafka_source', 'identifier'], ['port', '9092', 'number']]);
    expect(s.with[0]?.value).toBe('${DATA:./d.csv}');
  });
});

describe('statements', () => {
  it('reads a typed source with inline and constraint keys', () => {
    const st = parseStatement("CREATE STREAM s (a BIGINT PRIMARY KEY, b DECIMAL(10,2) NOT NULL, c STRING, PRIMARY KEY (c)) WITH ('s.type' = 'kafka_source')");
    expect(st).toMatchObject({ kind: 'CreateStream', name: { name: 's' } });
    if (st.kind !== 'CreateStream') return;
    expect(st.columns.map((c) => [c.name.name, c.type.type, c.notNull, c.primaryKey])).toEqual([
      ['a', SqlTypes.BIGINT, false, true],
      ['b', decimalType(10, 2), true, false],
      ['c', SqlTypes.STRING, false, false],
    ]);
    expect(st.primaryKey.map((k) => k.name)).toEqual(['a', 'c']);
  });

  it('reads every statement kind', () => {
    const kinds = parse(`
      CREATE STREAM a AS SELECT 1; CREATE TABLE b AS SELECT 1; CREATE STREAM c (x INT); CREATE TABLE d (x INT);
      INSERT INTO e SELECT 1; SELECT 1; DROP STREAM f; SHOW STREAMS; DESCRIBE g; EXPLAIN SELECT 1;
      START JOB h AS SELECT 1; STOP JOB h; PAUSE JOB h; RESUME JOB h; DEPLOY JOB h VERSION '2' AS SELECT 1; ROLLBACK JOB h
    `).statements.map((s) => s.kind);
    expect(kinds).toEqual([
      'CreateStreamAs', 'CreateTableAs', 'CreateStream', 'CreateTable', 'InsertInto', 'SelectStatement', 'DropStatement',
      'ShowStatement', 'DescribeStatement', 'ExplainStatement', 'StartJob', 'StopJob', 'PauseJob', 'ResumeJob', 'DeployJob', 'RollbackJob',
    ]);
  });

  it('splits scripts with the lexer, not at every semicolon', () => {
    const script = parse("SELECT ';' AS a; -- a comment; with a semicolon\nSELECT 2 /* ; */;;");
    expect(script.statements.map((s) => s.text)).toEqual(["SELECT ';' AS a", 'SELECT 2']);
  });

  it('produces frozen nodes', () => {
    const st = parseStatement('SELECT a FROM t');
    expect(Object.isFrozen(st)).toBe(true);
    expect(Object.isFrozen(selectOf(st).items)).toBe(true);
  });
});

describe('spans', () => {
  it('gives 1-based lines and columns and exclusive end offsets', () => {
    const st = parseStatement('\n  SELECT price * 2\n  FROM t');
    expect(st.span).toEqual({ offset: 3, line: 2, column: 3, endOffset: 28, endLine: 3, endColumn: 9 });
    const expr = selectOf(st).items[0];
    expect(expr?.kind === 'SelectExprItem' && expr.expr.span).toMatchObject({ offset: 10, line: 2, column: 10, endOffset: 19 });
  });
});

describe('tokenize', () => {
  it('returns tokens with their type names, comments included', () => {
    expect(tokenize('select x -- hi\n;').map((t) => [t.type, t.image])).toEqual([
      ['SELECT', 'select'], ['Identifier', 'x'], ['LineComment', '-- hi'], ['Semicolon', ';'],
    ]);
  });
});
