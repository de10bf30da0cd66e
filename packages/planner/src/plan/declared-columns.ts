import { ErrorCodes, Schema, field, type Field } from '@velots/core';
import type { ColumnDef } from '@velots/sql-parser';
import { coerceTo } from '../bind/coercion.js';
import { errorAt, type PlanningSource } from '../errors.js';
import type { LogicalPlan } from './logical-plan.js';

/** The schema a column list declares (`CREATE STREAM s (a BIGINT NOT NULL, …)`). */
export function schemaOfColumns(columns: readonly ColumnDef[]): Schema {
  return new Schema(columns.map((c): Field => field(c.name.name, c.type.type, !c.notNull)));
}

/** `CREATE STREAM n (cols) AS SELECT …`: the column list names and types the output. */
export function castToDeclared(plan: LogicalPlan, columns: readonly ColumnDef[], source: PlanningSource): LogicalPlan {
  if (plan.kind !== 'Project' || plan.columns.length !== columns.length) {
    const count = plan.schema.length;
    throw errorAt(
      ErrorCodes.SQL_BIND,
      `the column list has ${columns.length} columns but the query produces ${count}`,
      columns[0]?.span,
      source,
    );
  }
  const projected = plan.columns.map((c, i) => {
    const def = columns[i]!;
    return { name: def.name.name, expr: coerceTo(c.expr, def.type.type) };
  });
  return { ...plan, columns: projected, schema: schemaOfColumns(columns) };
}

