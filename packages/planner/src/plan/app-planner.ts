import { ErrorCodes, Schema, field, type Field } from '@velots/core';
import type { ColumnDef, JoinClause, NamedRelation, Property, Script, Select, Statement, Target, UriRelation } from '@velots/sql-parser';
import { coerceTo } from '../bind/coercion.js';
import { errorAt, type PlanningSource } from '../errors.js';
import type { AggregateCatalog } from '../aggregates/aggregate-def.js';
import { defaultAggregateCatalog } from '../aggregates/catalog.js';
import { defaultFunctionCatalog } from '../functions/catalog.js';
import type { FunctionCatalog } from '../functions/function-def.js';
import { explainJob } from './explain.js';
import { batchSizeOf, failureStrategyOf, unknownStatementKeys } from './job-options.js';
import type { ConnectorBinding, InputBinding, JobPlan, SourceDeclaration, SourceResolver, StatementPlan } from './job-plan.js';
import type { LogicalPlan } from './logical-plan.js';
import { toPhysical } from './physical-planner.js';
import {
  connectorProperties,
  parseCountProperty,
  parseDurationProperty,
  resolveProperties,
  statementProperties,
  type PropertyMap,
} from './properties.js';
import { planSelect } from './select-planner.js';
import { connectorForUri } from './uri.js';
import { loadConfigFile } from '../config/index.js';
import type { WatermarkPlan } from './window-plan.js';

export interface AppPlannerOptions {
  readonly file?: string | undefined;
  /** For `${VAR}` substitution in WITH values; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly functions?: FunctionCatalog | undefined;
  readonly aggregates?: AggregateCatalog | undefined;
  /** Opens external sources so their schemas are known. */
  readonly resolveSource: SourceResolver;
  /** Directory `config_file` paths resolve against (the .sql file's); default: the working directory. */
  readonly baseDir?: string | undefined;
  /** Names the embedding caller provides as sources (no `'<name>.type'` needed). */
  readonly providedSources?: ReadonlySet<string> | undefined;
}

/** What the app knows by name: streams and tables produced by earlier statements or declared with columns. */
interface CatalogEntry {
  readonly name: string;
  readonly origin: 'stream' | 'declared';
  readonly schema: Schema;
  /** A TABLE (CTAS or CREATE TABLE): JOINs look it up by key. */
  readonly table: boolean;
  readonly primaryKey: readonly string[];
  readonly declaration?: SourceDeclaration | undefined;
}

/**
 * Plans the statements of an app in file order. Each statement sees the streams and tables the
 * statements before it defined (read in-process), the sources it binds in WITH, and the ones the
 * caller provides. Planning is async only because opening a source tells its schema.
 */
export class AppPlanner {
  private readonly catalog = new Map<string, CatalogEntry>();
  private readonly functions: FunctionCatalog;
  private readonly aggregates: AggregateCatalog;
  private readonly source: PlanningSource;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly laterReads: Map<Statement, Set<string>>;
  private querySeq = 0;

  constructor(
    private readonly script: Script,
    private readonly options: AppPlannerOptions,
  ) {
    this.functions = options.functions ?? defaultFunctionCatalog;
    this.aggregates = options.aggregates ?? defaultAggregateCatalog;
    this.source = { file: options.file };
    this.env = options.env ?? process.env;
    this.laterReads = namesReadAfter(script.statements);
  }

  /** Plans every statement, in order. */
  async planAll(): Promise<StatementPlan[]> {
    const plans: StatementPlan[] = [];
    for (const statement of this.script.statements) plans.push(await this.plan(statement));
    return plans;
  }

  /** Plans one statement (statements must be planned in file order). */
  async plan(statement: Statement): Promise<StatementPlan> {
    switch (statement.kind) {
      case 'CreateStreamAs':
      case 'CreateTableAs':
        return this.job(statement, statement.query, statement.name.name, statement.columns);
      case 'InsertInto':
        return this.job(statement, statement.query, undefined, undefined, statement.target);
      case 'SelectStatement':
        return this.job(statement, statement.query, undefined, undefined, statement.query.into);
      case 'StartJob':
      case 'DeployJob':
        return this.job(statement, statement.query, undefined, undefined, statement.query.into, statement.name.name);
      case 'CreateStream':
      case 'CreateTable':
        return this.declare(statement);
      case 'ExplainStatement': {
        const inner = await this.plan(statement.statement);
        const text = inner.kind === 'job' ? explainJob(inner.job) : inner.kind === 'explain' ? inner.text : `(${inner.kind}) ${'message' in inner ? inner.message : ''}`;
        return { kind: 'explain', text, warnings: inner.warnings };
      }
      case 'DropStatement':
        this.catalog.delete(statement.name.name);
        return { kind: 'noop', message: `dropped ${statement.objectType.toLowerCase()} ${statement.name.name}`, warnings: [] };
      default:
        return { kind: 'noop', message: `${statement.kind} has no effect in an app`, warnings: [] };
    }
  }

  private declare(statement: Extract<Statement, { kind: 'CreateStream' | 'CreateTable' }>): StatementPlan {
    const name = statement.name.name;
    const schema = schemaOfColumns(statement.columns);
    const all = resolveProperties(propertyEntries(statement.with), this.env);
    // Keys of a declared source may omit the `<name>.` prefix (dialect §1).
    const properties = this.withConfigFile({ ...statementProperties(all, [name]), ...connectorProperties(all, name, true) }, name, statement.span).properties;
    const primaryKey = [...statement.primaryKey.map((k) => k.name), ...statement.columns.filter((c) => c.primaryKey).map((c) => c.name.name)];
    const declaration: SourceDeclaration = {
      name,
      objectType: statement.kind === 'CreateStream' ? 'STREAM' : 'TABLE',
      schema,
      primaryKey: [...new Set(primaryKey)],
      properties,
    };
    this.catalog.set(name, { name, origin: 'declared', schema, table: statement.kind === 'CreateTable', primaryKey: declaration.primaryKey, declaration });
    return { kind: 'declaration', declaration, warnings: [] };
  }

  private async job(
    statement: Statement,
    select: Select,
    outputName: string | undefined,
    columns: readonly ColumnDef[] | undefined,
    target?: Target,
    jobName?: string,
  ): Promise<StatementPlan> {
    const fromProps = select.from?.withProps ?? [];
    const all = resolveProperties([...propertyEntries(fromProps), ...propertyEntries(select.with)], this.env);
    const input = await this.input(select, all);
    const joinInputs: InputBinding[] = [];
    for (const join of select.joins) joinInputs.push(await this.joinInput(join, all));
    const connectorNames = [input.name, ...joinInputs.map((j) => j.name), ...(outputName ? [outputName] : []), ...(target?.kind === 'NamedRelation' ? [target.name] : [])];
    const dlqName = all['dead.letter.queue.sink'];
    if (dlqName) connectorNames.push(dlqName);
    const lateName = all[`${input.name}.late.sink`] ?? input.connector?.properties['late.sink'];
    if (lateName) connectorNames.push(lateName);
    const properties = statementProperties(all, connectorNames);
    const warnings = unknownStatementKeys(properties);

    const watermark = this.guardConfig(statement, () => watermarkOf(input.connector?.properties ?? connectorProperties(all, input.name, true)));
    const planned = planSelect(
      select,
      { name: input.name, alias: input.alias, schema: input.schema, watermark },
      { functions: this.functions, aggregates: this.aggregates },
      this.source,
      joinInputs.map((j, i) => ({ name: j.name, alias: j.alias, schema: j.schema, clause: select.joins[i]! })),
    );
    const logical = columns ? castToDeclared(planned.plan, columns, this.source) : planned.plan;
    const sink = this.sink(statement, all, outputName, target);
    const failureStrategy = this.guardConfig(statement, () => failureStrategyOf(properties));
    const deadLetter = dlqName ? this.connector(dlqName, all, false, statement) : undefined;
    const annotations = statement.annotations;
    const name = annotations.name ?? jobName ?? outputName ?? (target?.kind === 'NamedRelation' ? target.name : `query_${++this.querySeq}`);
    const job: JobPlan = {
      name,
      statementKind: statement.kind === 'CreateStreamAs' || statement.kind === 'CreateTableAs' || statement.kind === 'InsertInto' ? statement.kind : 'Select',
      output: outputName,
      inputs: [input, ...joinInputs],
      sink,
      logical,
      root: toPhysical(logical),
      schema: logical.schema,
      primaryKey: planned.primaryKey.length > 0 ? planned.primaryKey : planned.groupKeyNames,
      properties,
      failureStrategy,
      maxRetries: properties['max_retries'] ? parseCountProperty(properties['max_retries'], 'max_retries') : 3,
      retryBackoffMs: properties['retry_backoff'] ? parseCountProperty(properties['retry_backoff'], 'retry_backoff') : 1000,
      deadLetter,
      lateSink: lateName ? this.connector(lateName, all, false, statement) : undefined,
      batchSize: this.guardConfig(statement, () => batchSizeOf(properties, annotations.batchSize ?? this.script.annotations.jobDefaults.batchSize)),
      annotations,
      span: statement.span,
      text: statement.text,
    };
    if (outputName) {
      this.catalog.set(outputName, { name: outputName, origin: 'stream', schema: job.schema, table: statement.kind === 'CreateTableAs', primaryKey: job.primaryKey });
    }
    return { kind: 'job', job, warnings };
  }

  private async input(select: Select, all: PropertyMap): Promise<InputBinding> {
    const from = select.from;
    if (!from) throw errorAt(ErrorCodes.NOT_SUPPORTED, 'a SELECT without FROM is not runnable as a job yet', select.span, this.source);
    const relation = from.source;
    if (relation.kind === 'SubqueryRelation') {
      throw errorAt(ErrorCodes.NOT_SUPPORTED, 'a subquery in FROM is not supported', relation.span, this.source);
    }
    return this.relationInput(relation, from.alias?.name, all, 'stream');
  }

  /** The TABLE a JOIN reads: a CTAS or declared table, or a file (or provided) source loaded whole. */
  private async joinInput(join: JoinClause, all: PropertyMap): Promise<InputBinding> {
    const relation = join.source;
    const name = relation.kind === 'NamedRelation' ? relation.name : relation.uri;
    const known = this.catalog.get(name);
    const ownType = all[`${name}.type`] ?? known?.declaration?.properties['type'];
    const streamSide = known ? !known.table && (known.origin === 'stream' || !isFileType(ownType)) : ownType !== undefined && !isFileType(ownType);
    if (streamSide && relation.kind === 'NamedRelation' && !this.options.providedSources?.has(name)) {
      throw errorAt(
        ErrorCodes.NOT_SUPPORTED,
        `stream-stream joins are not implemented in this version yet: '${name}' is a stream; a JOIN reads a TABLE (CREATE TABLE … AS, CREATE TABLE with columns, or a file source)`,
        relation.span,
        this.source,
      );
    }
    return this.relationInput(relation, join.alias?.name, all, 'table');
  }

  private async relationInput(
    relation: NamedRelation | UriRelation,
    aliasName: string | undefined,
    all: PropertyMap,
    role: 'stream' | 'table',
  ): Promise<InputBinding> {
    const name = relation.kind === 'NamedRelation' ? relation.name : relation.uri;
    const alias = aliasName ?? name;
    const known = this.catalog.get(name);
    const ownType = relation.kind === 'NamedRelation' ? all[`${name}.type`] : undefined;
    if (known && known.origin === 'stream' && ownType === undefined) {
      return { name, alias, origin: 'stream', role, keyColumns: known.primaryKey, connector: undefined, schema: known.schema };
    }
    let connector: ConnectorBinding;
    let declaredSchema: Schema | undefined;
    let keyColumns: readonly string[] = [];
    if (relation.kind === 'UriRelation') {
      connector = this.guardConfigAt(relation.span, () => connectorForUri(name, relation.uri, true));
    } else if (known?.declaration) {
      declaredSchema = known.declaration.schema;
      keyColumns = known.declaration.primaryKey;
      const props = this.withConfigFile({ ...known.declaration.properties, ...connectorProperties(all, name, true) }, name, relation.span).properties;
      const type = props['type'];
      if (type === undefined) throw this.missingType(name, relation.span);
      connector = { name, type, properties: props };
    } else if (ownType !== undefined || this.options.providedSources?.has(name)) {
      const configured = this.withConfigFile(connectorProperties(all, name, true), name, relation.span);
      connector = { name, type: configured.properties['type'] ?? 'provided', properties: configured.properties };
      declaredSchema = configured.schema;
      keyColumns = configured.keyFields;
    } else {
      throw this.missingType(name, relation.span);
    }
    const schema = await this.options.resolveSource({ name, connector, declaredSchema, span: relation.span });
    // A table without a declared key is keyed by its first column (dialect §6).
    if (role === 'table' && keyColumns.length === 0 && schema.length > 0) keyColumns = [schema.at(0).name];
    return { name, alias, origin: 'external', role, keyColumns, connector, schema };
  }

  private missingType(name: string, span: Select['span']): Error {
    return errorAt(
      ErrorCodes.CONFIG,
      `Source type must be explicitly specified for '${name}'. Use: '${name}.type' = 'file_source' (or 'kafka_source') in WITH, or define '${name}' earlier in the app`,
      span,
      this.source,
    );
  }

  private sink(statement: Statement, all: PropertyMap, outputName: string | undefined, target: Target | undefined): ConnectorBinding | undefined {
    if (target?.kind === 'UriRelation') return this.guardConfigAt(target.span, () => connectorForUri(target.uri, target.uri, false));
    const name = target?.kind === 'NamedRelation' ? target.name : outputName;
    if (name === undefined) return undefined;
    if (all[`${name}.type`] === undefined) {
      const readLater = this.laterReads.get(statement)?.has(name) ?? false;
      if (statement.kind === 'CreateStreamAs' && !readLater) {
        throw errorAt(
          ErrorCodes.CONFIG,
          `CREATE STREAM '${name}' requires a sink configuration: add '${name}.type' = 'file_sink' and '${name}.path' = '…' to WITH`,
          statement.span,
          this.source,
        );
      }
      if (target?.kind === 'NamedRelation') {
        throw errorAt(ErrorCodes.CONFIG, `INTO '${name}' requires a sink configuration: add '${name}.type' = 'file_sink' and '${name}.path' = '…'`, target.span, this.source);
      }
      return undefined;
    }
    return this.connector(name, all, false, statement);
  }

  private connector(name: string, all: PropertyMap, isSource: boolean, statement: Statement): ConnectorBinding {
    const properties = this.withConfigFile(connectorProperties(all, name, isSource), name, statement.span).properties;
    const type = properties['type'];
    if (type === undefined) {
      throw errorAt(ErrorCodes.CONFIG, `'${name}' needs '${name}.type' (for example 'file_sink')`, statement.span, this.source);
    }
    return { name, type, properties };
  }

  /**
   * A connector's properties with its `config_file` YAML merged underneath (WITH keys win), plus the
   * schema and key fields the YAML declares.
   */
  private withConfigFile(
    properties: Record<string, string>,
    name: string,
    span: Select['span'],
  ): { properties: Record<string, string>; schema: Schema | undefined; keyFields: readonly string[] } {
    const path = properties['config_file'];
    if (path === undefined) return { properties, schema: undefined, keyFields: [] };
    const config = this.guardConfigAt(span, () =>
      loadConfigFile(path, { baseDir: this.options.baseDir ?? process.cwd(), env: this.env, referencedBy: `${name}.config_file` }),
    );
    const { config_file: _used, ...rest } = properties;
    return { properties: { ...config.properties, ...rest }, schema: config.schema, keyFields: config.keyFields };
  }

  private guardConfig<T>(statement: Statement, fn: () => T): T {
    return this.guardConfigAt(statement.span, fn);
  }

  private guardConfigAt<T>(span: Select['span'], fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof Error && 'code' in error && !('position' in error && (error as { position?: unknown }).position)) {
        throw errorAt((error as { code: string }).code, error.message, span, this.source, error);
      }
      throw error;
    }
  }
}

/** Allowed out-of-orderness from `watermark.strategy` / `watermark.max_out_of_orderness` (default 5 s). */
function watermarkOf(properties: PropertyMap): WatermarkPlan {
  const strategy = properties['watermark.strategy']?.trim().toLowerCase();
  if (strategy === 'ascending' || strategy === 'ascending_timestamps') return { maxOutOfOrdernessMs: 0 };
  const configured = properties['watermark.max_out_of_orderness'];
  return { maxOutOfOrdernessMs: configured === undefined ? 5000 : parseDurationProperty(configured, 'watermark.max_out_of_orderness') };
}

function isFileType(type: string | undefined): boolean {
  return type === 'file_source' || type === 'file_source_mmap';
}

function propertyEntries(props: readonly Property[]): { key: string; value: string; line: number; column: number }[] {
  return props.map((p) => ({ key: p.key, value: p.value, line: p.span.line, column: p.span.column }));
}

function schemaOfColumns(columns: readonly ColumnDef[]): Schema {
  return new Schema(columns.map((c): Field => field(c.name.name, c.type.type, !c.notNull)));
}

/** `CREATE STREAM n (cols) AS SELECT …`: the column list names and types the output. */
function castToDeclared(plan: LogicalPlan, columns: readonly ColumnDef[], source: PlanningSource): LogicalPlan {
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

/** For each statement, the names that statements after it read in FROM (to allow sink-less intermediate streams). */
function namesReadAfter(statements: readonly Statement[]): Map<Statement, Set<string>> {
  const out = new Map<Statement, Set<string>>();
  const seen = new Set<string>();
  for (let i = statements.length - 1; i >= 0; i--) {
    const statement = statements[i]!;
    out.set(statement, new Set(seen));
    const query = 'query' in statement ? statement.query : undefined;
    const from = query?.from?.source;
    if (from?.kind === 'NamedRelation') seen.add(from.name);
    for (const join of query?.joins ?? []) if (join.source.kind === 'NamedRelation') seen.add(join.source.name);
  }
  return out;
}
