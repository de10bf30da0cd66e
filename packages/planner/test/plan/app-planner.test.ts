import { Schema, SqlTypes, VeloError, decimalType, formatSqlType } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { planAppWith, planningError } from './plan-app.js';
import { explainJob, type JobPlan, type SourceRequest, type StatementPlan } from '../../src/index.js';

const trades = Schema.of(
  ['symbol', SqlTypes.STRING],
  ['price', decimalType(10, 2)],
  ['quantity', SqlTypes.BIGINT],
  ['ts', SqlTypes.TIMESTAMP],
);

function planApp(sql: string, schemas: Record<string, Schema> = { trades }): Promise<{ plans: StatementPlan[]; requests: SourceRequest[] }> {
  return planAppWith(sql, schemas, { OUT_DIR: '/tmp/out' });
}

function jobOf(plan: StatementPlan | undefined): JobPlan {
  if (plan?.kind !== 'job') throw new Error(`expected a job, got ${plan?.kind}`);
  return plan.job;
}

function planError(sql: string): Promise<VeloError> {
  return planningError(planApp(sql));
}

const WITH_FILES = `WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv', 'big.type' = 'file_sink', 'big.path' = '\${OUT_DIR}/big.jsonl')`;

describe('AppPlanner', () => {
  it('plans a filter and projection with exact DECIMAL result types', async () => {
    const { plans, requests } = await planApp(`CREATE STREAM big AS SELECT symbol, price * quantity AS notional FROM trades WHERE price > 100 ${WITH_FILES};`);
    const job = jobOf(plans[0]);
    expect(job.name).toBe('big');
    expect(job.schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`)).toEqual(['symbol STRING', 'notional DECIMAL(30,2)']);
    expect(job.root.kind).toBe('FilterProject');
    expect(job.sink).toEqual({ name: 'big', type: 'file_sink', properties: { type: 'file_sink', path: '/tmp/out/big.jsonl' } });
    expect(requests.map((r) => [r.name, r.connector.type, r.connector.properties['path']])).toEqual([['trades', 'file_source', 'trades.csv']]);
  });

  it('lets a later statement read an earlier stream in-process without a connector', async () => {
    const { plans } = await planApp(
      `CREATE STREAM big AS SELECT symbol, quantity FROM trades WHERE quantity > 10 ${WITH_FILES};
       SELECT symbol FROM big WHERE quantity > 100;`,
    );
    const second = jobOf(plans[1]);
    expect(second.inputs[0]).toMatchObject({ name: 'big', origin: 'stream' });
    expect(second.sink).toBeUndefined();
    expect(second.name).toBe('query_1');
  });

  it('reuses an earlier select alias in a later item', async () => {
    const { plans } = await planApp(`CREATE STREAM big AS SELECT quantity * 2 AS d, d + 1 AS e FROM trades ${WITH_FILES};`);
    expect(jobOf(plans[0]).schema.names).toEqual(['d', 'e']);
  });

  it('casts a string literal compared with a TIMESTAMP column to a TIMESTAMP', async () => {
    const { plans } = await planApp(`CREATE STREAM big AS SELECT symbol FROM trades WHERE ts >= '2026-11-02T09:30:05' ${WITH_FILES};`);
    const job = jobOf(plans[0]);
    expect(explainJob(job)).toContain('(ts#3 >= 1793611805000)');
  });

  it('names an unknown column with a did-you-mean at its position', async () => {
    const error = await planError(`CREATE STREAM big AS SELECT symbol, pirce FROM trades ${WITH_FILES};`);
    expect(error.code).toBe('SQL_BIND');
    expect(error.message).toBe("unknown column 'pirce' (did you mean 'price'?)");
    expect(error.position).toMatchObject({ file: 'app.sql', line: 1, column: 37 });
  });

  it('requires a source type for an unknown FROM name', async () => {
    const error = await planError(`CREATE STREAM big AS SELECT * FROM orders WITH ('big.type' = 'file_sink', 'big.path' = 'x');`);
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain("Source type must be explicitly specified for 'orders'");
  });

  it('requires a sink for a CREATE STREAM nothing else reads', async () => {
    const error = await planError(`CREATE STREAM big AS SELECT * FROM trades WITH ('trades.type' = 'file_source', 'trades.path' = 't.csv');`);
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain("CREATE STREAM 'big' requires a sink configuration");
  });

  it('reports type mismatches with both types', async () => {
    const error = await planError(`CREATE STREAM big AS SELECT symbol + 1 AS x FROM trades ${WITH_FILES};`);
    expect(error.code).toBe('TYPE_MISMATCH');
    expect(error.message).toBe("operator '+' cannot combine STRING and BIGINT");
  });

  it('reports unknown functions with suggestions', async () => {
    const error = await planError(`CREATE STREAM big AS SELECT UPPPER(symbol) AS s FROM trades ${WITH_FILES};`);
    expect(error.code).toBe('UNKNOWN_FUNCTION');
    expect(error.message).toMatch(/^Unknown function: 'UPPPER' \(did you mean .*UPPER/);
  });

  it('reads the failure strategy and dead-letter sink', async () => {
    const { plans } = await planApp(
      `CREATE STREAM big AS SELECT symbol FROM trades WITH ('trades.type' = 'file_source', 'trades.path' = 't.csv',
        'big.type' = 'file_sink', 'big.path' = 'b.jsonl', 'failure_strategy' = 'SendToDLQ',
        'dead.letter.queue.sink' = 'dlq', 'dlq.type' = 'file_sink', 'dlq.path' = 'dlq.jsonl');`,
    );
    const job = jobOf(plans[0]);
    expect(job.failureStrategy).toBe('dead_letter');
    expect(job.deadLetter).toEqual({ name: 'dlq', type: 'file_sink', properties: { type: 'file_sink', path: 'dlq.jsonl' } });
  });

  it('uses a declared stream with its schema and unprefixed keys', async () => {
    const { requests } = await planApp(
      `CREATE STREAM trades (symbol STRING, price DECIMAL(10,2), quantity BIGINT, ts TIMESTAMP) WITH ('type' = 'file_source', 'path' = 'trades.csv');
       SELECT symbol FROM trades;`,
    );
    expect(requests[0]?.connector).toEqual({ name: 'trades', type: 'file_source', properties: { type: 'file_source', path: 'trades.csv' } });
    expect(requests[0]?.declaredSchema?.toString()).toBe('(symbol STRING, price DECIMAL(10,2), quantity BIGINT, ts TIMESTAMP)');
  });

  it('explains a job as an indented tree with types', async () => {
    const { plans } = await planApp(`EXPLAIN CREATE STREAM big AS SELECT symbol, quantity FROM trades WHERE quantity > 10 LIMIT 5 ${WITH_FILES};`);
    const plan = plans[0];
    expect(plan?.kind).toBe('explain');
    expect(plan?.kind === 'explain' ? plan.text : '').toBe(
      [
        'Job big (CreateStreamAs)',
        '  input trades: file_source',
        '  sink: big (file_sink)',
        '  failure strategy: skip',
        '  Limit 5',
        '    FilterProject [filter: (quantity#2 > 10); project: symbol#0 AS symbol, quantity#2 AS quantity] → (symbol STRING, quantity BIGINT)',
        '      Scan trades → (symbol STRING, price DECIMAL(10,2), quantity BIGINT, ts TIMESTAMP)',
      ].join('\n'),
    );
  });
});
