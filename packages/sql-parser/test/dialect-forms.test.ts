import { describe, expect, it } from 'vitest';
import { VeloError } from '@velots/core';
import { parse, parseExpression, parseStatement, print, type Select, type Statement } from '@velots/sql-parser';
import { stripSpans } from './strip-spans.js';

function selectOf(statement: Statement): Select {
  if (statement.kind === 'SelectStatement') return statement.query;
  throw new Error(`expected a SELECT, got ${statement.kind}`);
}

/** Parses, prints, parses the print again: the two trees must be the same (spans aside). */
function roundTrip(sql: string): Statement {
  const first = parseStatement(sql);
  const printed = print(first);
  expect(stripSpans(parseStatement(printed))).toEqual(stripSpans(first));
  return first;
}

function errorOf(sql: string): { message: string; line: number; column: number } {
  try {
    parse(sql);
  } catch (error) {
    if (!(error instanceof VeloError)) throw error;
    return { message: error.message, line: error.position?.line ?? 0, column: error.position?.column ?? 0 };
  }
  throw new Error('expected a syntax error');
}

describe('JOIN(sep, …) as a function call (§9)', () => {
  it('reads JOIN followed by ( as a call, and JOIN elsewhere as the join keyword', () => {
    const select = selectOf(roundTrip("SELECT JOIN(', ', first, last) AS full_name FROM people p JOIN names n ON p.id = n.id"));
    expect(stripSpans(select.items[0])).toMatchObject({ expr: { kind: 'FunctionCall', upperName: 'JOIN', args: [{ value: ', ' }, { name: 'first' }, { name: 'last' }] } });
    expect(select.joins).toHaveLength(1);
  });
});

describe('derived tables', () => {
  it('takes a subquery with an alias in FROM and in JOIN', () => {
    const select = selectOf(roundTrip('SELECT x.a, y.b FROM (SELECT a, k FROM s) AS x JOIN (SELECT k, b FROM t WHERE b > 1) y ON x.k = y.k'));
    expect(select.from?.source.kind).toBe('SubqueryRelation');
    expect(select.from?.alias?.name).toBe('x');
    expect(select.joins[0]?.source.kind).toBe('SubqueryRelation');
    expect(select.joins[0]?.alias?.name).toBe('y');
  });

  it('asks for an alias on a subquery in JOIN, at the subquery', () => {
    expect(errorOf('SELECT * FROM s JOIN (SELECT k FROM t) ON s.k = k')).toMatchObject({
      message: expect.stringContaining('a subquery in JOIN needs an alias'),
      line: 1,
      column: 22,
    });
  });
});

describe('WITH (common table expressions)', () => {
  it('inlines each CTE where FROM or JOIN names it, as a derived table aliased with that name', () => {
    const select = selectOf(roundTrip('WITH a AS (SELECT x FROM s), b AS (SELECT x FROM a WHERE x > 1) SELECT a.x FROM a JOIN b bb ON a.x = bb.x'));
    expect(select.from?.source.kind).toBe('SubqueryRelation');
    expect(select.from?.alias?.name).toBe('a');
    const joined = select.joins[0]!;
    expect(joined.alias?.name).toBe('bb');
    expect(joined.source.kind === 'SubqueryRelation' && joined.source.query.from?.source.kind).toBe('SubqueryRelation');
  });

  it('keeps the trailing WITH (properties) of the statement apart from the CTEs', () => {
    const select = selectOf(parseStatement("WITH a AS (SELECT x FROM s) SELECT x FROM a WITH ('s.type' = 'file_source')"));
    expect([...select.with, ...(select.from?.withProps ?? [])].map((p) => p.key)).toEqual(['s.type']);
  });
});

describe('LIMIT … OFFSET', () => {
  it('reads the offset and prints it back; offset stays a name elsewhere', () => {
    expect(selectOf(roundTrip('SELECT a FROM s ORDER BY a LIMIT 10 OFFSET 20')).limit).toMatchObject({ count: 10, offset: 20 });
    expect(selectOf(parseStatement('SELECT a FROM s LIMIT 10')).limit?.offset).toBeUndefined();
    expect(selectOf(parseStatement('SELECT offset FROM s')).items).toHaveLength(1);
  });

  it('asks for a whole number', () => {
    expect(errorOf('SELECT a FROM s LIMIT 1 OFFSET 2.5').message).toContain('OFFSET takes a whole number');
  });
});

describe('CROSS JOIN', () => {
  it('joins without a condition and prints back as CROSS JOIN', () => {
    const statement = roundTrip('SELECT * FROM s CROSS JOIN t AS u');
    expect(stripSpans(selectOf(statement).joins[0])).toEqual({ kind: 'JoinClause', joinType: 'CROSS', source: { kind: 'NamedRelation', name: 't', quoted: false }, alias: { kind: 'Identifier', name: 'u', quoted: false } });
    expect(print(statement)).toContain('CROSS JOIN t AS u');
  });

  it('keeps cross usable as an alias when no JOIN follows', () => {
    expect(selectOf(parseStatement('SELECT cross.a FROM s cross')).from?.alias?.name).toBe('cross');
  });

  it('rejects ON after CROSS JOIN and a plain JOIN without ON', () => {
    expect(errorOf('SELECT * FROM s CROSS JOIN t ON s.k = t.k').message).toContain('CROSS JOIN joins every pair');
    expect(errorOf('SELECT * FROM s JOIN t WHERE s.k = 1').message).toContain('expected ON or USING');
  });
});

describe('window arguments as expressions', () => {
  it('takes an expression as the time and as SESSION partitions', () => {
    const select = selectOf(roundTrip("SELECT COUNT(*) FROM a JOIN b ON a.k = b.k GROUP BY a.k WINDOW SESSION(GREATEST(a.ts, b.ts), INTERVAL '1' HOUR, UPPER(a.device_id), a.zone)"));
    expect(stripSpans(select.window)).toMatchObject({
      kind: 'SessionWindow',
      timeColumn: { kind: 'FunctionCall', upperName: 'GREATEST' },
      gapMs: 3_600_000,
      partitionColumns: [{ kind: 'FunctionCall', upperName: 'UPPER' }, { kind: 'ColumnRef', qualifier: 'a', name: 'zone' }],
    });
  });

  it('takes an expression as the time of TUMBLING and SLIDING', () => {
    expect(stripSpans(selectOf(roundTrip('SELECT COUNT(*) FROM s WINDOW TUMBLING(ts + 1000, 1m)')).window)).toMatchObject({ kind: 'TumblingWindow', timeColumn: { kind: 'BinaryExpr', op: '+' }, sizeMs: 60_000 });
    expect(stripSpans(selectOf(roundTrip('SELECT COUNT(*) FROM s WINDOW SLIDING(COALESCE(a, b), 10m, 5m)')).window)).toMatchObject({ kind: 'SlidingWindow', timeColumn: { kind: 'FunctionCall' }, advanceMs: 300_000 });
  });

  it('still reads a leading duration as the size', () => {
    expect(stripSpans(selectOf(parseStatement('SELECT COUNT(*) FROM s WINDOW TUMBLING(5m)')).window)).toMatchObject({ kind: 'TumblingWindow', sizeMs: 300_000 });
    expect(selectOf(parseStatement('SELECT COUNT(*) FROM s WINDOW TUMBLING(5m)')).window?.timeColumn).toBeUndefined();
  });
});

describe('job statements', () => {
  it('parses DEPLOY JOB … AS CREATE STREAM … WITH … STRATEGY and prints it back', () => {
    const statement = roundTrip(
      "DEPLOY JOB risk VERSION '1.5.2' AS CREATE STREAM alerts AS SELECT * FROM trades WITH ('trades.type' = 'kafka_source') STRATEGY CANARY(10)",
    );
    expect(stripSpans(statement)).toMatchObject({
      kind: 'DeployJob',
      jobWord: 'JOB',
      name: { name: 'risk' },
      version: '1.5.2',
      body: { kind: 'CreateStreamAs', name: { name: 'alerts' }, query: { from: { withProps: [{ key: 'trades.type', value: 'kafka_source' }] } } },
      strategy: { kind: 'CANARY', percentage: 10 },
    });
  });

  it('parses each strategy, a SELECT body and ROLLBACK with and without VERSION', () => {
    for (const strategy of ['BLUE_GREEN', 'ROLLING', 'REPLACE']) {
      expect(stripSpans(roundTrip(`DEPLOY JOB j VERSION '2' AS SELECT * FROM s STRATEGY ${strategy}`))).toMatchObject({ body: { kind: 'SelectStatement' }, strategy: { kind: strategy } });
    }
    expect(stripSpans(roundTrip("ROLLBACK JOB j VERSION '1.0'"))).toMatchObject({ kind: 'RollbackJob', version: '1.0' });
    expect(stripSpans(roundTrip('ROLLBACK JOB j'))).toMatchObject({ kind: 'RollbackJob', name: { name: 'j' } });
  });

  it('takes QUERY for JOB (PAUSE QUERY q, RESUME QUERY q, STOP QUERY q, START QUERY q AS …)', () => {
    expect(stripSpans(roundTrip('PAUSE QUERY q'))).toMatchObject({ kind: 'PauseJob', jobWord: 'QUERY', name: { name: 'q' } });
    expect(stripSpans(roundTrip('RESUME QUERY q'))).toMatchObject({ kind: 'ResumeJob', jobWord: 'QUERY' });
    expect(stripSpans(roundTrip('PAUSE JOB j'))).toMatchObject({ kind: 'PauseJob', jobWord: 'JOB' });
    expect(stripSpans(roundTrip('STOP QUERY q FORCE'))).toMatchObject({ kind: 'StopJob', jobWord: 'QUERY', force: true });
    expect(stripSpans(roundTrip('START JOB j AS CREATE TABLE t AS SELECT k PRIMARY KEY, COUNT(*) AS n FROM s GROUP BY k'))).toMatchObject({
      kind: 'StartJob',
      body: { kind: 'CreateTableAs', name: { name: 't' } },
    });
  });

  it('rejects a source declaration as a job body, at the declaration', () => {
    expect(errorOf("DEPLOY JOB j VERSION '1' AS CREATE STREAM s (a INT) WITH ('s.type' = 'file_source')")).toMatchObject({
      message: expect.stringContaining('a job runs a SELECT or a CREATE STREAM|TABLE … AS SELECT'),
      column: 29,
    });
  });
});

describe('an empty WITH ()', () => {
  it('parses after FROM and at the end of a statement', () => {
    expect(selectOf(parseStatement('SELECT * FROM s WITH ()')).with).toEqual([]);
    expect(selectOf(parseStatement('SELECT * FROM s WITH () WHERE a = 1')).from?.withProps).toEqual([]);
    expect(stripSpans(parseStatement('CREATE STREAM s (a INT) WITH ()'))).toMatchObject({ kind: 'CreateStream', with: [] });
  });
});

describe('named windows', () => {
  it('parses WINDOW w AS (…) after HAVING, OVER w and OVER (w frame), next to a streaming WINDOW clause', () => {
    const select = selectOf(
      roundTrip(
        'SELECT k, SUM(v) OVER w AS total, AVG(v) OVER (w ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS avg3 FROM s WINDOW w AS (PARTITION BY k ORDER BY ts), w2 AS (w)',
      ),
    );
    expect(stripSpans(select.namedWindows)).toEqual([
      {
        kind: 'NamedWindow',
        name: { kind: 'Identifier', name: 'w', quoted: false },
        spec: {
          kind: 'WindowSpec',
          partitionBy: [{ kind: 'ColumnRef', name: 'k', quoted: false }],
          orderBy: [{ kind: 'OrderByItem', expr: { kind: 'ColumnRef', name: 'ts', quoted: false }, direction: 'ASC' }],
        },
      },
      { kind: 'NamedWindow', name: { kind: 'Identifier', name: 'w2', quoted: false }, spec: { kind: 'WindowSpec', baseWindow: { kind: 'Identifier', name: 'w', quoted: false }, partitionBy: [], orderBy: [] } },
    ]);
    expect(stripSpans(select.items[1])).toMatchObject({ expr: { over: { baseWindow: { name: 'w' }, bare: true } } });
    expect(stripSpans(select.items[2])).toMatchObject({ expr: { over: { baseWindow: { name: 'w' }, frame: { unit: 'ROWS' } } } });
  });

  it('tells WINDOW w AS (…) from WINDOW TUMBLING(…) by lookahead, in either order', () => {
    const select = selectOf(roundTrip('SELECT k, COUNT(*) AS n FROM s GROUP BY k WINDOW TUMBLING(1m) HAVING COUNT(*) > 1 WINDOW w AS (ORDER BY k)'));
    expect(select.window?.kind).toBe('TumblingWindow');
    expect(select.namedWindows.map((w) => w.name.name)).toEqual(['w']);
  });

  it('keeps window-like words usable as a base window name and ROWS as the frame', () => {
    const over = (sql: string): unknown => stripSpans(selectOf(parseStatement(sql)).items[0]);
    expect(over('SELECT SUM(v) OVER (ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM s')).toMatchObject({ expr: { over: { frame: { unit: 'ROWS' } } } });
    expect(over('SELECT SUM(v) OVER (rows ORDER BY ts) FROM s WINDOW rows AS (PARTITION BY k)')).toMatchObject({ expr: { over: { baseWindow: { name: 'rows' } } } });
    expect(over('SELECT SUM(v) OVER (PARTITION BY k) FROM s')).toMatchObject({ expr: { over: { partitionBy: [{ name: 'k' }] } } });
  });

  it('rejects a window named twice', () => {
    expect(errorOf('SELECT SUM(v) OVER w FROM s WINDOW w AS (ORDER BY a), w AS (ORDER BY b)').message).toContain("window 'w' is defined twice");
  });
});

describe('INTERVAL with the unit inside the string', () => {
  it("reads INTERVAL '1 hour' as INTERVAL '1' HOUR, and asks for a unit when none is written", () => {
    expect(stripSpans(parseExpression("INTERVAL '1 hour'"))).toEqual(stripSpans(parseExpression("INTERVAL '1' HOUR")));
    expect(stripSpans(parseExpression("INTERVAL '30 seconds'"))).toEqual({ kind: 'IntervalLiteral', value: '30', unit: 'SECOND', ms: 30_000 });
    expect(errorOf("SELECT INTERVAL '5' FROM t")).toEqual({ message: "INTERVAL '5' needs a unit: INTERVAL '5' MINUTE, or INTERVAL '5 minutes'", line: 1, column: 17 });
    expect(errorOf("SELECT INTERVAL '2 fortnights' FROM t").message).toBe("unknown INTERVAL unit 'fortnights': expected MILLISECOND, SECOND, MINUTE, HOUR, DAY, WEEK");
  });
});

describe('DATE, TIMESTAMP and TIME literals (§8)', () => {
  it('resolves the value: days, epoch ms (UTC unless a zone is written) and ms since midnight', () => {
    expect(stripSpans(parseExpression("DATE '2024-01-01'"))).toEqual({ kind: 'TypedLiteral', type: 'DATE', text: '2024-01-01', value: 19_723 });
    expect(stripSpans(parseExpression("TIMESTAMP '2024-01-01 10:00:00'"))).toEqual({ kind: 'TypedLiteral', type: 'TIMESTAMP', text: '2024-01-01 10:00:00', value: Date.UTC(2024, 0, 1, 10) });
    expect(stripSpans(parseExpression("timestamp '2024-01-01T10:00:00.250'"))).toMatchObject({ value: Date.UTC(2024, 0, 1, 10, 0, 0, 250) });
    expect(stripSpans(parseExpression("TIMESTAMP '2024-01-01T10:00:00+02:00'"))).toMatchObject({ value: Date.UTC(2024, 0, 1, 8) });
    expect(stripSpans(parseExpression("TIMESTAMP '2024-01-01 10:00:00Z'"))).toMatchObject({ value: Date.UTC(2024, 0, 1, 10) });
    expect(stripSpans(parseExpression("TIME '10:11:12.5'"))).toEqual({ kind: 'TypedLiteral', type: 'TIME', text: '10:11:12.5', value: 36_672_500 });
  });

  it('prints them back', () => {
    expect(print(parseExpression("date '2024-01-01' < DATE '2024-02-01'"))).toBe("DATE '2024-01-01' < DATE '2024-02-01'");
    roundTrip("SELECT TIMESTAMP '2024-01-01 10:00:00.123', TIME '10:00:00' FROM s");
  });

  it('leaves date, time and timestamp usable as column names and TIMESTAMP() as a function', () => {
    const select = selectOf(parseStatement('SELECT date, time, timestamp, TIMESTAMP() AS t FROM s WHERE date > 5 GROUP BY date, time'));
    expect(select.items.map((i) => (i.kind === 'SelectExprItem' ? i.expr.kind : '*'))).toEqual(['ColumnRef', 'ColumnRef', 'ColumnRef', 'FunctionCall']);
  });

  it('rejects a malformed or impossible literal at its place', () => {
    expect(errorOf("SELECT DATE '2024-02-30' FROM s")).toEqual({ message: "invalid DATE literal '2024-02-30': expected 'YYYY-MM-DD'", line: 1, column: 8 });
    expect(errorOf("SELECT a FROM s WHERE t > TIMESTAMP 'yesterday'").message).toContain('invalid TIMESTAMP literal');
    expect(errorOf("SELECT TIME '25:00' FROM s").message).toContain("invalid TIME literal '25:00'");
  });
});
