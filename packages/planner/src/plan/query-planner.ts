import type { Schema } from '@velots/core';
import type { Select, Statement, SubqueryRelation } from '@velots/sql-parser';
import { withPosition, type PlanningSource } from '../errors.js';
import type { AggregateCatalog } from '../aggregates/aggregate-def.js';
import type { FunctionCatalog } from '../functions/function-def.js';
import { selectAggregates } from '../bind/aggregate-binder.js';
import { watermarkOf } from './job-options.js';
import type { InputResolver } from './input-resolver.js';
import type { AppCatalogEntry } from './app-catalog.js';
import type { InputBinding } from './job-plan.js';
import { connectorProperties, type PropertyMap } from './properties.js';
import { planSelect } from './select-planner.js';
import { unionBranches, unionOf, type PlannedQuery } from './union-planner.js';
import { subqueriesOf } from './subquery-planner.js';
import { derivedTableInput, finalRows } from './derived-tables.js';
import { lookupShaped, readsEnclosingQuery, relationNames, rowsRead, subqueriesInLookupContext, unqualifiedNames, withOuterColumnHint } from './correlation.js';

export interface QueryPlannerOptions {
  readonly catalog: ReadonlyMap<string, AppCatalogEntry>;
  readonly inputs: InputResolver;
  readonly functions: FunctionCatalog;
  readonly aggregates: AggregateCatalog;
  readonly source: PlanningSource;
}

/**
 * Plans one SELECT of an app statement: its inputs (opened through the input resolver), its derived tables and
 * subqueries (each planned as a query of its own that writes an in-process stream), and its logical plan.
 */
export class QueryPlanner {
  private readonly catalog: ReadonlyMap<string, AppCatalogEntry>;
  private readonly inputs: InputResolver;
  private readonly functions: FunctionCatalog;
  private readonly aggregates: AggregateCatalog;
  private readonly source: PlanningSource;
  private subquerySeq = 0;

  constructor(options: QueryPlannerOptions) {
    this.catalog = options.catalog;
    this.inputs = options.inputs;
    this.functions = options.functions;
    this.aggregates = options.aggregates;
    this.source = options.source;
  }

  /**
   * Plans a SELECT nested in another (a derived table, a subquery) whose job writes `stream`; `adapt` adjusts
   * each branch (EMIT FINAL for one read whole). A UNION in it runs as branch jobs its job reads merged.
   */
  private async nestedQuery(statement: Statement, select: Select, all: PropertyMap, stream: string, adapt: (s: Select) => Select): Promise<PlannedQuery> {
    const branches = unionBranches(select);
    if (branches.length === 1) return this.query(statement, adapt(select), all);
    const queries: PlannedQuery[] = [];
    for (const branch of branches) queries.push(await this.query(statement, adapt({ ...branch.select, union: undefined }), all));
    const union = unionOf(stream, queries, branches, this.source, select.span);
    return {
      inputs: [union.input],
      plan: union.plan,
      primaryKey: [],
      subqueries: [],
      derived: queries.map((q, i) => ({ stream: union.members[i]!, query: { ...q, plan: union.branchPlans[i]! } })),
      warnings: queries.flatMap((q) => q.warnings),
    };
  }

  /**
   * The key of the TABLE a correlated subquery reads, when it reads one of the app (a CTAS or a declared CREATE TABLE):
   * the subquery sees its latest row per key, not the changelog its stream carries. Undefined for files and streams.
   */
  private tableKeyOf(sub: Select, schema: Schema): readonly string[] | undefined {
    const source = sub.from?.source;
    const entry = source?.kind === 'NamedRelation' ? this.catalog.get(source.name) : undefined;
    if (!entry?.table) return undefined;
    return entry.primaryKey.length > 0 ? entry.primaryKey : schema.fields.slice(0, 1).map((f) => f.name);
  }

  /** Plans one SELECT (one branch of a UNION): its inputs, opened, and its logical plan. */
  async query(statement: Statement, select: Select, all: PropertyMap): Promise<PlannedQuery> {
    // A derived table runs as its own job writing an in-process stream: read as the FROM input, or
    // collected whole as the table of a JOIN.
    const derived: { stream: string; query: PlannedQuery }[] = [];
    const derivedInput = async (relation: SubqueryRelation, alias: string | undefined, role: 'stream' | 'table'): Promise<InputBinding> => {
      const stream = `#dt${++this.subquerySeq}`;
      const planned = await this.nestedQuery(statement, relation.query, all, stream, role === 'table' ? finalRows : (s) => s);
      derived.push({ stream, query: planned });
      return derivedTableInput(stream, alias ?? stream, planned, role);
    };
    const from = select.from;
    const input = from?.source.kind === 'SubqueryRelation' ? await derivedInput(from.source, from.alias?.name, 'stream') : await this.inputs.input(select, all);
    const joinInputs: InputBinding[] = [];
    for (const join of select.joins) {
      if (join.source.kind === 'SubqueryRelation') {
        joinInputs.push(await derivedInput(join.source, join.alias?.name, 'table'));
        continue;
      }
      const joined = await this.inputs.joinInput(join, all, [input, ...joinInputs]);
      // CROSS JOIN pairs every row: a file read as its table keeps all its rows, not the latest per key.
      joinInputs.push(join.joinType === 'CROSS' && joined.origin === 'external' && joined.role === 'table' ? { ...joined, keepsEveryRow: true } : joined);
    }
    const subqueries: { stream: string; query: PlannedQuery }[] = [];
    const streams = new Map<Select, { stream: string; schema: Schema; qualifiers?: readonly string[]; tableKey?: readonly string[] }>();
    const outerNames = new Set([input, ...joinInputs].flatMap((i) => i.schema.names));
    const lookups = subqueriesInLookupContext(select, select.groupBy.length > 0 || select.window !== undefined || selectAggregates(select, this.aggregates));
    for (const sub of subqueriesOf(select)) {
      const stream = `#sq${++this.subquerySeq}`;
      // A correlated subquery's job reads its input's rows, which the enclosing query looks up per record. One that
      // names, unqualified, a column the enclosing query has is looked up too: name resolution then decides (own first).
      const correlated =
        readsEnclosingQuery(sub, relationNames(select)) ||
        (lookups.has(sub) && lookupShaped(sub) && unqualifiedNames(sub).some((name) => outerNames.has(name)));
      const planned = correlated
        ? await this.query(statement, rowsRead(sub), all)
        : await withOuterColumnHint(this.nestedQuery(statement, sub, all, stream, finalRows));
      subqueries.push({ stream, query: planned });
      streams.set(sub, {
        stream,
        schema: planned.plan.schema,
        qualifiers: correlated ? relationNames(sub) : undefined,
        tableKey: correlated ? this.tableKeyOf(sub, planned.plan.schema) : undefined,
      });
    }
    const watermarkProperties = derived[0] && from?.source.kind === 'SubqueryRelation' ? derived[0].query.inputs[0]?.connector?.properties : input.connector?.properties;
    const watermark = withPosition(statement.span, this.source, () => watermarkOf(watermarkProperties ?? connectorProperties(all, input.name, true)));
    const planned = planSelect(
      select,
      { name: input.name, alias: input.alias, schema: input.schema, watermark },
      { functions: this.functions, aggregates: this.aggregates },
      this.source,
      joinInputs.map((j, i) => ({ name: j.name, alias: j.alias, schema: j.schema, clause: select.joins[i]!, role: j.role === 'stream' ? 'stream' : 'table', numericTimeBounds: j.numericTimeBounds === true })),
      streams,
    );
    return {
      inputs: [input, ...joinInputs],
      plan: planned.plan,
      primaryKey: planned.primaryKey.length > 0 ? planned.primaryKey : planned.groupKeyNames,
      subqueries,
      derived,
      warnings: planned.warnings,
    };
  }
}
