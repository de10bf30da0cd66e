import { VeloError, type Schema } from '@velots/core';
import { parse } from '@velots/sql-parser';
import { AppPlanner, type SourceRequest, type StatementPlan } from '../../src/index.js';

/**
 * Plans the app `sql` (as file app.sql) whose external sources have the schemas of `schemas`, by name;
 * `env` is what `${VAR}` reads (process.env when absent). Also gives the source requests, in order.
 */
export async function planAppWith(
  sql: string,
  schemas: Readonly<Record<string, Schema>>,
  env?: Readonly<Record<string, string | undefined>>,
): Promise<{ plans: StatementPlan[]; requests: SourceRequest[] }> {
  const requests: SourceRequest[] = [];
  const planner = new AppPlanner(parse(sql, { file: 'app.sql' }), {
    file: 'app.sql',
    env,
    resolveSource: async (request) => {
      requests.push(request);
      const schema = schemas[request.name];
      if (!schema) throw new Error(`no schema for ${request.name}`);
      return schema;
    },
  });
  return { plans: await planner.planAll(), requests };
}

/** The VeloError `planning` rejects with; fails the test when it resolves or rejects with anything else. */
export async function planningError(planning: Promise<unknown>): Promise<VeloError> {
  try {
    await planning;
  } catch (error) {
    if (error instanceof VeloError) return error;
    throw error;
  }
  throw new Error('expected planning to fail');
}
