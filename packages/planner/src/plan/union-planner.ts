import { ErrorCodes, Schema, field, sqlTypeEquals } from '@velots/core';
import type { Select, Span } from '@velots/sql-parser';
import { coerceTo, unifyTypes } from '../bind/coercion.js';
import { errorAt, withPosition, type PlanningSource } from '../errors.js';
import type { InputBinding } from './job-plan.js';
import type { LogicalPlan } from './logical-plan.js';

/** One planned SELECT: its inputs (FROM first, then JOIN tables) and its logical plan. */
export interface PlannedQuery {
  readonly inputs: InputBinding[];
  readonly plan: LogicalPlan;
  readonly primaryKey: readonly string[];
  /** The uncorrelated subqueries it reads, each planned as its own query writing `stream`. */
  readonly subqueries: readonly { readonly stream: string; readonly query: PlannedQuery }[];
  /** Its derived tables (`FROM (SELECT …) x`, `JOIN (SELECT …) y`), each planned as its own query writing `stream`. */
  readonly derived: readonly { readonly stream: string; readonly query: PlannedQuery }[];
  readonly warnings: readonly string[];
}

/** The SELECTs of `a UNION [ALL] b UNION [ALL] c`; `all` tells whether the UNION before a branch keeps duplicates. */
export function unionBranches(select: Select): { readonly select: Select; readonly all: boolean }[] {
  const branches = [{ select, all: true }];
  for (let union = select.union; union; union = union.select.union) branches.push({ select: union.select, all: union.all });
  return branches;
}

/**
 * Plans a UNION: every branch must produce as many columns as the first; column i takes the common
 * type of the branches' column i and the first branch's name. Branch k writes stream `<name>#k`, and the
 * union reads those streams merged (UNION without ALL keeps each distinct row once).
 */
export function unionOf(
  name: string,
  queries: readonly PlannedQuery[],
  branches: readonly { readonly all: boolean }[],
  source: PlanningSource,
  span: Span,
): { members: string[]; branchPlans: LogicalPlan[]; input: InputBinding; plan: LogicalPlan } {
  const first = queries[0]!.plan.schema;
  for (const [k, query] of queries.entries()) {
    if (query.plan.schema.length !== first.length) {
      throw errorAt(ErrorCodes.SQL_BIND, `UNION branch ${k + 1} has ${query.plan.schema.length} columns but the first has ${first.length}`, span, source);
    }
  }
  const types = first.fields.map((f, i) =>
    withPosition(span, source, () => unifyTypes(queries.map((q) => q.plan.schema.at(i).type), `UNION column '${f.name}'`), ErrorCodes.TYPE_MISMATCH),
  );
  const schema = new Schema(first.fields.map((f, i) => field(f.name, types[i]!)));
  const branchPlans = queries.map((q): LogicalPlan => {
    const own = q.plan.schema;
    if (own.fields.every((f, i) => f.name === schema.at(i).name && sqlTypeEquals(f.type, schema.at(i).type))) return q.plan;
    return {
      kind: 'Project',
      input: q.plan,
      columns: own.fields.map((f, i) => ({ name: schema.at(i).name, expr: coerceTo({ kind: 'Column', type: f.type, index: i, name: f.name }, types[i]!) })),
      eventTime: undefined,
      schema,
    };
  });
  const members = queries.map((_, k) => `${name}#${k + 1}`);
  const input: InputBinding = {
    name: `${name}#union`,
    alias: name,
    origin: 'stream',
    role: 'stream',
    keyColumns: [],
    connector: undefined,
    schema,
    sourceId: undefined,
    members,
  };
  let plan: LogicalPlan = { kind: 'Scan', input: input.name, alias: name, schema };
  if (branches.slice(1).some((b) => !b.all)) plan = { kind: 'Distinct', input: plan, schema };
  return { members, branchPlans, input, plan };
}
