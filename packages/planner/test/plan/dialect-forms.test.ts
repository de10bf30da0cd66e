import { Schema, SqlTypes, VeloError, decimalType, formatSqlType } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { planAppWith, planningError } from './plan-app.js';
import { explainJob, type JobPlan, type LogicalPlan, type StatementPlan } from '../../src/index.js';

const trades = Schema.of(['symbol', SqlTypes.STRING], ['price', decimalType(10, 2)], ['quantity', SqlTypes.BIGINT], ['ts', SqlTypes.TIMESTAMP]);
const symbols = Schema.of(['symbol', SqlTypes.STRING], ['lot', SqlTypes.BIGINT]);
const FILES = `WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv', 'symbols.type' = 'file_source', 'symbols.path' = 'symbols.csv')`;

async function planApp(sql: string): Promise<StatementPlan[]> {
  return (await planAppWith(sql, { trades, symbols })).plans;
}

async function jobOf(sql: string): Promise<JobPlan> {
  const [plan] = await planApp(sql);
  if (plan?.kind !== 'job') throw new Error(`expected a job, got ${plan?.kind}`);
  return plan.job;
}

function planError(sql: string): Promise<VeloError> {
  return planningError(planApp(sql));
}

/** The node kinds from the root down the first input. */
function chain(plan: LogicalPlan): string[] {
  const kinds: string[] = [plan.kind];
  for (let node: LogicalPlan = plan; 'input' in node && typeof node.input !== 'string'; node = node.input) kinds.push(node.input.kind);
  return kinds;
}

describe('derived tables', () => {
  it('plans a subquery in FROM as its own job writing an in-process stream the outer job reads', async () => {
    const job = await jobOf(`SELECT x.symbol, x.notional FROM (SELECT symbol, price * quantity AS notional FROM trades) AS x WHERE x.notional > 10 ${FILES}`);
    expect(job.inputs[0]).toMatchObject({ name: '#dt1', alias: 'x', origin: 'stream', role: 'stream' });
    expect(job.branches.map((b) => [b.name, b.output, b.inputs[0]?.name])).toEqual([['query_1#dt1', '#dt1', 'trades']]);
    expect(job.schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`)).toEqual(['symbol STRING', 'notional DECIMAL(30,2)']);
  });

  it('joins a subquery as a table that keeps every row, its aggregate emitting final rows', async () => {
    const job = await jobOf(`SELECT t.symbol, a.n FROM trades t JOIN (SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol) a ON t.symbol = a.symbol ${FILES}`);
    expect(job.inputs[1]).toMatchObject({ name: '#dt1', alias: 'a', origin: 'stream', role: 'table', keepsEveryRow: true });
    const inner = job.branches[0]!.logical;
    expect(inner.kind === 'Project' && inner.input.kind === 'Aggregate' ? inner.input.emit : undefined).toBe('FINAL');
    expect(chain(job.logical)).toEqual(['Project', 'LookupJoin', 'Scan']);
  });
});

describe('UNION inside a derived table or a subquery', () => {
  it('runs each branch as its own job, read merged by the derived table\'s job', async () => {
    const job = await jobOf(`SELECT u.symbol FROM (SELECT symbol FROM trades UNION SELECT symbol FROM symbols) AS u ${FILES}`);
    const derived = job.branches[0]!;
    expect(derived.inputs[0]).toMatchObject({ name: '#dt1#union', members: ['#dt1#1', '#dt1#2'] });
    expect(derived.logical.kind).toBe('Distinct');
    expect(derived.branches.map((b) => [b.output, b.inputs[0]?.name])).toEqual([
      ['#dt1#1', 'trades'],
      ['#dt1#2', 'symbols'],
    ]);
  });
});

describe('CROSS JOIN', () => {
  it('is a lookup join without keys that reads every row of a file table', async () => {
    const job = await jobOf(`SELECT t.symbol, s.lot FROM trades t CROSS JOIN symbols s ${FILES}`);
    const join = job.logical.kind === 'Project' ? job.logical.input : job.logical;
    expect(join).toMatchObject({ kind: 'LookupJoin', joinType: 'INNER', leftKeys: [], rightKeys: [], residual: undefined });
    expect(job.inputs[1]).toMatchObject({ name: 'symbols', role: 'table', keepsEveryRow: true });
  });
});

describe('window time and partitions as expressions', () => {
  it('binds the time expression and adds a partition expression to the group keys', async () => {
    const job = await jobOf(`SELECT COUNT(*) AS n FROM trades GROUP BY symbol WINDOW SESSION(GREATEST(ts, ts), INTERVAL '1' HOUR, UPPER(symbol)) ${FILES}`);
    const aggregate = job.logical.kind === 'Project' ? job.logical.input : job.logical;
    if (aggregate.kind !== 'Aggregate') throw new Error('expected an aggregate');
    expect(aggregate.window).toMatchObject({ kind: 'session', gapMs: 3_600_000, time: { kind: 'Call', type: SqlTypes.TIMESTAMP } });
    expect(aggregate.keys.map((k) => k.name)).toEqual(['symbol', 'UPPER(symbol)']);
  });

  it('rejects a time expression that is not a time, at the expression', async () => {
    const error = await planError(`SELECT COUNT(*) AS n FROM trades WINDOW TUMBLING(UPPER(symbol), 1m) ${FILES}`);
    expect(error).toMatchObject({ code: 'TYPE_MISMATCH', message: "window time 'UPPER(symbol)' must be BIGINT epoch ms or TIMESTAMP, got STRING" });
    expect(error.position).toMatchObject({ line: 1, column: 50 });
  });
});

describe('named windows', () => {
  it('resolves OVER w and OVER (w frame) to the named spec', async () => {
    const job = await jobOf(
      `SELECT symbol, SUM(quantity) OVER w AS running, SUM(quantity) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS last2 FROM trades WINDOW w AS (PARTITION BY symbol ORDER BY ts) ${FILES}`,
    );
    const analytic = job.logical.kind === 'Project' ? job.logical.input : job.logical;
    if (analytic.kind !== 'Analytic') throw new Error('expected an analytic node');
    expect(analytic.windows.map((w) => [w.partitionBy.length, w.orderBy.length, w.calls[0]?.frame?.start])).toEqual([
      [1, 1, undefined],
      [1, 1, { kind: 'PRECEDING', offset: 1 }],
    ]);
  });

  it('reports an unknown window, a second ORDER BY and a cycle at their place', async () => {
    expect(await planError(`SELECT SUM(quantity) OVER v FROM trades WINDOW w AS (ORDER BY ts) ${FILES}`)).toMatchObject({
      code: 'SQL_BIND',
      message: "unknown window 'v' (this query names 'w')",
      position: { column: 27 },
    });
    expect((await planError(`SELECT SUM(quantity) OVER (w ORDER BY price) FROM trades WINDOW w AS (ORDER BY ts) ${FILES}`)).message).toBe(
      "window 'w' already has an ORDER BY: it cannot be given again where the window is used",
    );
    expect((await planError(`SELECT SUM(quantity) OVER a FROM trades WINDOW a AS (b), b AS (a) ${FILES}`)).message).toBe("window 'a' is defined in terms of itself");
  });
});

describe('DATE, TIMESTAMP and TIME literals', () => {
  it('bind to DATE (days), TIMESTAMP (epoch ms) and the TIME text', async () => {
    const job = await jobOf(`SELECT DATE '2024-01-02' AS d, TIMESTAMP '2024-01-01 10:00:00.5' AS t, TIME '10:11:12' AS tm FROM trades WHERE ts > TIMESTAMP '2024-01-01 00:00:00' ${FILES}`);
    expect(job.schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`)).toEqual(['d DATE', 't TIMESTAMP', 'tm STRING']);
    expect(explainJob(job)).toContain('(ts#3 > 1704067200000)');
  });
});

describe('correlated subqueries over a table', () => {
  it('decorrelates EXISTS into a lookup keyed by the WHERE equality, computed once per key', async () => {
    const job = await jobOf(`SELECT symbol FROM trades t WHERE EXISTS (SELECT 1 FROM symbols s WHERE s.symbol = t.symbol AND s.lot > 10) ${FILES}`);
    expect(chain(job.logical)).toEqual(['Project', 'Filter', 'SubqueryLookup', 'Scan']);
    expect(job.subqueries).toEqual(['#sq1']);
    expect(job.branches[0]?.inputs[0]?.name).toBe('symbols');
    expect(explainJob(job)).toContain('SubqueryLookup exists #sq1 [keys: symbol#0 = #sq1.symbol#0; where: (lot#5 > 10); once per key]');
  });

  it('evaluates per record when the residual reads the outer row, and aggregates a scalar subquery', async () => {
    const job = await jobOf(`SELECT symbol, (SELECT COUNT(*) FROM symbols s WHERE s.lot < t.quantity) AS smaller FROM trades t ${FILES}`);
    const lookup = job.logical.kind === 'Project' ? job.logical.input : job.logical;
    expect(lookup).toMatchObject({ kind: 'SubqueryLookup', mode: 'scalar', keyedOnly: false, outerKeys: [] });
    expect(job.schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`)).toEqual(['symbol STRING', 'smaller BIGINT']);
  });

  it('plans NOT IN with the comparison over the pair', async () => {
    const job = await jobOf(`SELECT symbol FROM trades t WHERE t.quantity NOT IN (SELECT s.lot FROM symbols s WHERE s.symbol = t.symbol) ${FILES}`);
    const lookup = job.logical.kind === 'Project' ? job.logical.input : undefined;
    expect(lookup?.kind === 'Filter' ? lookup.input : undefined).toMatchObject({ kind: 'SubqueryLookup', mode: 'in', negated: true, keyedOnly: true });
  });

  it('resolves an unqualified name to the subquery\'s own column first, then to the enclosing query\'s', async () => {
    const job = await jobOf(`SELECT quantity FROM trades WHERE EXISTS (SELECT 1 FROM symbols WHERE lot < quantity AND symbol = 'X') ${FILES}`);
    const filter = job.logical.kind === 'Project' ? job.logical.input : undefined;
    const lookup = filter?.kind === 'Filter' ? filter.input : undefined;
    // lot and symbol are the subquery's own (indexes past the 4 enclosing columns), quantity the enclosing one
    expect(explainJob(job)).toContain("SubqueryLookup exists #sq1 [keys: (); where: ((lot#5 < quantity#2) AND (symbol#4 = 'X'))]");
    expect(lookup).toMatchObject({ kind: 'SubqueryLookup', keyedOnly: false });
  });

  it('hints at the qualifier when a subquery names an unknown column', async () => {
    expect(await planError(`SELECT symbol FROM trades t WHERE EXISTS (SELECT 1 FROM symbols s WHERE s.lot < quantty) ${FILES}`)).toMatchObject({
      code: 'SQL_BIND',
      message: expect.stringMatching(/^unknown column 'quantty'.*; a subquery reads a column of the enclosing query with its qualifier \(`s\.col`\)$/),
      position: { line: 1, column: 81 },
    });
  });

  it('moves a correlated conjunct of an inner join\'s ON to WHERE, and keeps the rest of ON as join keys', async () => {
    const job = await jobOf(`SELECT t.symbol FROM trades t JOIN symbols s ON t.symbol = s.symbol AND EXISTS (SELECT 1 FROM symbols x WHERE x.lot > t.quantity) ${FILES}`);
    expect(chain(job.logical)).toEqual(['Project', 'Filter', 'SubqueryLookup', 'LookupJoin', 'Scan']);
    expect(explainJob(job)).toContain('LookupJoin INNER symbols [keys: symbol#0 = symbols.symbol#0]');
  });

  it('says where a correlated subquery is not supported', async () => {
    expect(await planError(`SELECT t.symbol FROM trades t LEFT JOIN symbols s ON t.symbol = s.symbol AND EXISTS (SELECT 1 FROM symbols x WHERE x.lot > t.quantity) ${FILES}`)).toMatchObject({
      code: 'NOT_SUPPORTED',
      message: 'a correlated subquery may be used in WHERE, in the ON of an inner join, or in the select list of a query without GROUP BY',
    });
    expect(await planError(`SELECT symbol, COUNT(*) AS n FROM trades t GROUP BY symbol HAVING COUNT(*) > (SELECT MAX(s.lot) FROM symbols s WHERE s.symbol = t.symbol) ${FILES}`)).toMatchObject({
      code: 'NOT_SUPPORTED',
      message: 'a correlated subquery may be used in WHERE, in the ON of an inner join, or in the select list of a query without GROUP BY',
    });
    expect(await planError(`SELECT symbol FROM trades t WHERE EXISTS (SELECT s.lot FROM symbols s WHERE s.symbol = t.symbol GROUP BY s.lot) ${FILES}`)).toMatchObject({
      code: 'NOT_SUPPORTED',
      message: "a correlated subquery (one that reads the enclosing query's columns) cannot use GROUP BY; write it as a JOIN with a derived table",
    });
  });
});

describe('JOIN(…) and an empty WITH ()', () => {
  it('binds JOIN(sep, …) to the string function and accepts WITH () after FROM', async () => {
    const job = await jobOf(`SELECT JOIN('-', symbol, quantity) AS label FROM trades WITH () ${FILES}`);
    expect(job.schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`)).toEqual(['label STRING']);
    expect(explainJob(job)).toContain("JOIN('-', symbol#0, CAST(quantity#2 AS STRING)) AS label");
  });
});

describe('job statements', () => {
  it('plans START JOB j AS CREATE STREAM … as job j writing its stream', async () => {
    const job = await jobOf(`START JOB loader AS CREATE STREAM big AS SELECT symbol FROM trades ${FILES.slice(0, -1)}, 'big.type' = 'file_sink', 'big.path' = 'b.jsonl')`);
    expect([job.name, job.statementKind, job.output, job.sink?.name]).toEqual(['loader', 'CreateStreamAs', 'big', 'big']);
  });

  it('plans the body of DEPLOY JOB (for a server to run) and leaves PAUSE QUERY to the caller', async () => {
    const [deploy, pause] = await planApp(`DEPLOY JOB risk VERSION '2' AS SELECT symbol FROM trades ${FILES} STRATEGY ROLLING; PAUSE QUERY risk;`);
    expect(deploy?.kind === 'job' ? [deploy.job.name, deploy.job.inputs[0]?.name] : deploy?.kind).toEqual(['risk', 'trades']);
    expect(pause).toEqual({ kind: 'noop', message: 'PauseJob has no effect in an app', warnings: [] });
  });
});

describe('ordered-set aggregates', () => {
  it('says PERCENTILE_CONT(p) needs WITHIN GROUP (ORDER BY x), at the call, when neither it nor an OVER ORDER BY names x', async () => {
    expect(await planError(`SELECT symbol, PERCENTILE_CONT(0.5) AS m FROM trades GROUP BY symbol ${FILES}`)).toMatchObject({
      code: 'SQL_BIND',
      message: 'PERCENTILE_CONT(p) needs WITHIN GROUP (ORDER BY x): x is the value whose percentile it takes',
      position: { line: 1, column: 16 },
    });
    expect(await planError(`SELECT PERCENTILE_DISC(0.5) OVER (PARTITION BY symbol) AS m FROM trades ${FILES}`)).toMatchObject({
      code: 'SQL_BIND',
      position: { line: 1, column: 8 },
    });
  });
});
