import { ErrorCodes } from '@velots/core';
import type { ColumnDef, Property, Script, Select, Statement, Target } from '@velots/sql-parser';
import { errorAt, withPosition, type PlanningSource } from '../errors.js';
import type { AggregateCatalog } from '../aggregates/aggregate-def.js';
import { defaultAggregateCatalog } from '../aggregates/catalog.js';
import { defaultFunctionCatalog } from '../functions/catalog.js';
import type { FunctionCatalog } from '../functions/function-def.js';
import { explainJob } from './explain.js';
import { batchSizeOf, checkpointIntervalOf, failureStrategyOf, parallelismOf, unknownStatementKeys } from './job-options.js';
import { castToDeclared, schemaOfColumns } from './declared-columns.js';
import { namesReadAfter } from './statement-reads.js';
import { InputResolver } from './input-resolver.js';
import type { AppCatalogEntry } from './app-catalog.js';
import type { ConnectorBinding, JobPlan, SourceDeclaration, SourceResolver, StatementPlan } from './job-plan.js';
import { toPhysical } from './physical-planner.js';
import {
  connectorProperties,
  parseCountProperty,
  resolveProperties,
  statementProperties,
  type PropertyMap,
} from './properties.js';
import { unionBranches, unionOf, type PlannedQuery } from './union-planner.js';
import { inputNamesOf, selectsWithin } from './subquery-planner.js';
import { QueryPlanner } from './query-planner.js';
import type { LogicalPlan } from './logical-plan.js';
import { connectorForUri } from './uri.js';
import { limitRankedDerivedTables } from './rank-limit.js';

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
  /** Names the embedding caller provides as sinks (no `'<name>.type'` needed). */
  readonly providedSinks?: ReadonlySet<string> | undefined;
  /** Names the embedding caller provides as sources (no `'<name>.type'` needed). */
  readonly providedSources?: ReadonlySet<string> | undefined;
}

/**
 * Plans the statements of an app in file order. Each statement sees the streams and tables the
 * statements before it defined (read in-process), the sources it binds in WITH, and the ones the
 * caller provides. Planning is async only because opening a source tells its schema.
 */
export class AppPlanner {
  private readonly catalog = new Map<string, AppCatalogEntry>();
  private readonly functions: FunctionCatalog;
  private readonly aggregates: AggregateCatalog;
  private readonly source: PlanningSource;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly laterReads: Map<Statement, Set<string>>;
  private querySeq = 0;
  private readonly inputs: InputResolver;
  private readonly queries: QueryPlanner;

  constructor(
    private readonly script: Script,
    private readonly options: AppPlannerOptions,
  ) {
    this.functions = options.functions ?? defaultFunctionCatalog;
    this.aggregates = options.aggregates ?? defaultAggregateCatalog;
    this.source = { file: options.file };
    this.env = options.env ?? process.env;
    this.laterReads = namesReadAfter(script.statements);
    this.inputs = new InputResolver({
      catalog: this.catalog,
      source: this.source,
      env: this.env,
      baseDir: options.baseDir,
      providedSources: options.providedSources,
      resolveSource: options.resolveSource,
    });
    this.queries = new QueryPlanner({ catalog: this.catalog, inputs: this.inputs, functions: this.functions, aggregates: this.aggregates, source: this.source });
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
        return this.jobBody(statement);
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

  /** `START|DEPLOY JOB j AS <body>`: the body runs as job `j` (a CREATE body also defines its stream or table). */
  private jobBody(statement: Extract<Statement, { kind: 'StartJob' | 'DeployJob' }>): Promise<StatementPlan> {
    const body = { ...statement.body, annotations: statement.annotations };
    const jobName = statement.name.name;
    if (body.kind === 'SelectStatement') return this.job(body, body.query, undefined, undefined, body.query.into, jobName);
    return this.job(body, body.query, body.name.name, body.columns, undefined, jobName);
  }

  private declare(statement: Extract<Statement, { kind: 'CreateStream' | 'CreateTable' }>): StatementPlan {
    const name = statement.name.name;
    const schema = schemaOfColumns(statement.columns);
    const all = resolveProperties(propertyEntries(statement.with), this.env);
    // Keys of a declared source may omit the `<name>.` prefix (dialect §1).
    const properties = this.inputs.withConfigFile({ ...statementProperties(all, [name]), ...connectorProperties(all, name, true) }, name, statement.span).properties;
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
    const branches = unionBranches(select);
    const all = resolveProperties(
      branches.flatMap((b) => selectsWithin(b.select)).flatMap((s) => [...propertyEntries(s.from?.withProps ?? []), ...propertyEntries(s.with)]),
      this.env,
    );
    const annotations = statement.annotations;
    const ownName = annotations.name ?? jobName ?? outputName ?? (target?.kind === 'NamedRelation' ? target.name : undefined);
    const queries: PlannedQuery[] = [];
    this.inputs.readerJob = ownName;
    try {
      for (const branch of branches) queries.push(await this.queries.query(statement, branch.select, all));
    } finally {
      this.inputs.readerJob = undefined;
    }
    const connectorNames = [
      ...queries.flatMap(inputNamesOf),
      ...(outputName ? [outputName] : []),
      ...(target?.kind === 'NamedRelation' ? [target.name] : []),
    ];
    const dlqName = all['dead.letter.queue.sink'];
    if (dlqName) connectorNames.push(dlqName);
    const first = queries[0]!;
    const lateName = all[`${first.inputs[0]!.name}.late.sink`] ?? first.inputs[0]!.connector?.properties['late.sink'];
    if (lateName) connectorNames.push(lateName);
    const properties = statementProperties(all, connectorNames);
    const name = ownName ?? `query_${++this.querySeq}`;
    const common = {
      properties,
      failureStrategy: this.guardConfig(statement, () => failureStrategyOf(properties)),
      maxRetries: properties['max_retries'] ? parseCountProperty(properties['max_retries'], 'max_retries') : 3,
      retryBackoffMs: properties['retry_backoff'] ? parseCountProperty(properties['retry_backoff'], 'retry_backoff') : 1000,
      deadLetter: dlqName ? this.connector(dlqName, all, false, statement) : undefined,
      batchSize: this.guardConfig(statement, () => batchSizeOf(properties, annotations.batchSize ?? this.script.annotations.jobDefaults.batchSize)),
      parallelism: this.guardConfig(statement, () => parallelismOf(properties)),
      checkpointIntervalMs: this.guardConfig(statement, () => checkpointIntervalOf(properties, annotations.checkpointInterval ?? this.script.annotations.jobDefaults.checkpointInterval)),
      // A file-level `-- @job_mode` is the default of every statement's.
      annotations: annotations.jobMode === undefined && this.script.annotations.jobDefaults.jobMode !== undefined ? { ...annotations, jobMode: this.script.annotations.jobDefaults.jobMode } : annotations,
      span: statement.span,
      text: statement.text,
    };
    // A UNION: each branch runs as its own job into an in-process stream, and this job reads them merged.
    const union = queries.length > 1 ? unionOf(name, queries, branches, this.source, statement.span) : undefined;
    // A job that writes an in-process stream only (a UNION branch, a subquery), with the jobs of its own subqueries.
    const internalJob = (stream: string, query: PlannedQuery, logical: LogicalPlan = query.plan): JobPlan => ({
      ...common,
      name: stream.startsWith('#') ? `${name}${stream}` : stream,
      statementKind: 'Select',
      output: stream,
      inputs: query.inputs,
      sink: undefined,
      logical,
      root: toPhysical(logical),
      schema: logical.schema,
      primaryKey: [],
      lateSink: undefined,
      branches: [...query.subqueries, ...query.derived].map((s) => internalJob(s.stream, s.query)),
      subqueries: query.subqueries.map((s) => s.stream),
    });
    const branchJobs: JobPlan[] = (union?.branchPlans ?? []).map((logical, i) => internalJob(union!.members[i]!, queries[i]!, logical));
    const planned = union?.plan ?? first.plan;
    const logical = columns ? castToDeclared(planned, columns, this.source) : planned;
    const job: JobPlan = {
      ...common,
      name,
      statementKind: statement.kind === 'CreateStreamAs' || statement.kind === 'CreateTableAs' || statement.kind === 'InsertInto' ? statement.kind : 'Select',
      output: outputName,
      inputs: union ? [union.input] : first.inputs,
      sink: this.sink(statement, all, outputName, target),
      logical,
      root: toPhysical(logical),
      schema: logical.schema,
      primaryKey: union ? [] : first.primaryKey,
      lateSink: lateName && !union ? this.connector(lateName, all, false, statement) : undefined,
      branches: union ? branchJobs : [...first.subqueries, ...first.derived].map((s) => internalJob(s.stream, s.query)),
      subqueries: union ? [] : first.subqueries.map((s) => s.stream),
    };
    if (outputName) {
      this.catalog.set(outputName, { name: outputName, origin: 'stream', schema: job.schema, table: statement.kind === 'CreateTableAs', primaryKey: job.primaryKey });
    }
    return { kind: 'job', job: limitRankedDerivedTables(job), warnings: [...unknownStatementKeys(properties), ...queries.flatMap((q) => q.warnings)] };
  }

  private sink(statement: Statement, all: PropertyMap, outputName: string | undefined, target: Target | undefined): ConnectorBinding | undefined {
    if (target?.kind === 'UriRelation') return withPosition(target.span, this.source, () => connectorForUri(target.uri, target.uri, false));
    const name = target?.kind === 'NamedRelation' ? target.name : outputName;
    if (name === undefined) return undefined;
    if (all[`${name}.type`] === undefined && this.options.providedSinks?.has(name)) {
      return { name, type: 'provided', properties: connectorProperties(all, name, false) };
    }
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
    const properties = this.inputs.withConfigFile(connectorProperties(all, name, isSource), name, statement.span).properties;
    const type = properties['type'];
    if (type === undefined) {
      throw errorAt(ErrorCodes.CONFIG, `'${name}' needs '${name}.type' (for example 'file_sink')`, statement.span, this.source);
    }
    return { name, type, properties };
  }

  private guardConfig<T>(statement: Statement, fn: () => T): T {
    return withPosition(statement.span, this.source, fn);
  }
}

function propertyEntries(props: readonly Property[]): { key: string; value: string; line: number; column: number }[] {
  return props.map((p) => ({ key: p.key, value: p.value, line: p.span.line, column: p.span.column }));
}
