import { Schema, SqlTypes, VeloError } from '@velots/core';
import { parse } from '@velots/sql-parser';
import { describe, expect, it } from 'vitest';
import { planningError } from './plan-app.js';
import { AppPlanner, type JobPlan } from '../../src/index.js';

const trades = Schema.of(['symbol', SqlTypes.STRING], ['qty', SqlTypes.BIGINT]);
const WITH = `'trades.type' = 'file_source', 'trades.path' = 't.csv', 'out.type' = 'file_sink', 'out.path' = 'o.jsonl'`;

async function planJob(sql: string): Promise<JobPlan> {
  const planner = new AppPlanner(parse(sql, { file: 'app.sql' }), { file: 'app.sql', resolveSource: async () => trades });
  const [plan] = await planner.planAll();
  if (plan?.kind !== 'job') throw new Error('expected a job');
  return plan.job;
}

function planError(sql: string): Promise<VeloError> {
  return planningError(planJob(sql));
}

describe('the checkpoint interval of a job', () => {
  it('is 10 s unless configured', async () => {
    expect((await planJob(`CREATE STREAM out AS SELECT symbol FROM trades WITH (${WITH});`)).checkpointIntervalMs).toBe(10_000);
  });

  it("reads 'checkpoint.interval' in WITH: durations, and a bare number as milliseconds", async () => {
    for (const [value, ms] of [['10s', 10_000], ['500ms', 500], ['10000', 10_000], ['1m', 60_000], ['1.5s', 1500]] as const) {
      const job = await planJob(`CREATE STREAM out AS SELECT symbol FROM trades WITH (${WITH}, 'checkpoint.interval' = '${value}');`);
      expect(job.checkpointIntervalMs, value).toBe(ms);
    }
  });

  it('reads -- @checkpoint_interval above the statement, or in the file header as every statement\'s default; WITH wins', async () => {
    expect((await planJob(`-- @checkpoint_interval: 2s\nCREATE STREAM out AS SELECT symbol FROM trades WITH (${WITH});`)).checkpointIntervalMs).toBe(2000);
    const header = `-- @checkpoint_interval: 250ms\n\n-- a statement\nCREATE STREAM out AS SELECT symbol FROM trades WITH (${WITH});`;
    expect((await planJob(header)).checkpointIntervalMs).toBe(250);
    const both = `-- @checkpoint_interval: 2s\nCREATE STREAM out AS SELECT symbol FROM trades WITH (${WITH}, 'checkpoint.interval' = '3s');`;
    expect((await planJob(both)).checkpointIntervalMs).toBe(3000);
  });

  it('rejects what is not a duration with a positioned CONFIG error', async () => {
    const error = await planError(`SELECT 1;\nCREATE STREAM out AS SELECT symbol FROM trades WITH (${WITH}, 'checkpoint.interval' = 'often');`);
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain("property 'checkpoint.interval': 'often' is not a duration");
    expect(error.position).toMatchObject({ file: 'app.sql', line: 2, column: 1 });
    const annotated = await planError(`-- @checkpoint_interval: 0s\nCREATE STREAM out AS SELECT symbol FROM trades WITH (${WITH});`);
    expect(annotated.message).toContain("@checkpoint_interval: '0s' must be at least 1ms");
    expect(annotated.position).toMatchObject({ line: 2 });
  });
});
