import { ErrorCodes, type Schema } from '@velots/core';
import type { JoinClause, NamedRelation, Select, UriRelation } from '@velots/sql-parser';
import { loadConfigFile } from '../config/index.js';
import { errorAt, withPosition, type PlanningSource } from '../errors.js';
import type { AppCatalogEntry } from './app-catalog.js';
import type { ConnectorBinding, InputBinding, SourceResolver } from './job-plan.js';
import { connectorProperties, type PropertyMap } from './properties.js';
import { connectorForUri } from './uri.js';
import { boundsJoinTimes, numericTimeBoundColumns, type SideColumn } from './join-time-bounds.js';

/** The input of a SELECT without FROM: one row with no columns (connector type and name). */
export const SINGLE_ROW = 'single_row';

export interface InputResolverOptions {
  readonly catalog: ReadonlyMap<string, AppCatalogEntry>;
  readonly source: PlanningSource;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly baseDir: string | undefined;
  readonly providedSources: ReadonlySet<string> | undefined;
  readonly resolveSource: SourceResolver;
}

/**
 * Resolves what a statement reads: its FROM input and each JOIN's table, as the app's own streams and
 * tables, declared sources, `WITH`-configured connectors (with their `config_file` YAML), URIs, or
 * sources the embedding caller provides; opening external ones (via the resolver) to learn their schema.
 */
export class InputResolver {
  private readonly catalog: ReadonlyMap<string, AppCatalogEntry>;
  private readonly source: PlanningSource;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private requests = 0;
  /** The job whose statement is being planned: the reader of the sources opened meanwhile (set by the app planner). */
  readerJob: string | undefined;

  constructor(private readonly options: InputResolverOptions) {
    this.catalog = options.catalog;
    this.source = options.source;
    this.env = options.env;
  }

  async input(select: Select, all: PropertyMap): Promise<InputBinding> {
    const from = select.from;
    if (!from) {
      // `SELECT 1 + 1`: the query runs once over a single row with no columns.
      const connector = { name: SINGLE_ROW, type: SINGLE_ROW, properties: {} };
      const sourceId = ++this.requests;
      const schema = await this.options.resolveSource({ id: sourceId, name: SINGLE_ROW, connector, declaredSchema: undefined, span: select.span });
      return { name: SINGLE_ROW, alias: SINGLE_ROW, origin: 'external', role: 'stream', keyColumns: [], connector, schema, sourceId };
    }
    const relation = from.source;
    // A derived table `(SELECT …) x` runs as its own job: the app planner binds it, never this resolver.
    if (relation.kind === 'SubqueryRelation') throw errorAt(ErrorCodes.INTERNAL, 'a derived table reached the input resolver', relation.span, this.source);
    return this.relationInput(relation, from.alias?.name, all, 'stream');
  }

  /**
   * What a JOIN reads on its right (dialect §6): a stream — making a stream–stream interval join — when it is one
   * (a stream of the app, a source declared with `CREATE STREAM name (cols) WITH (…)`, a non-file connector such
   * as Kafka) or when ON bounds the two sides' time columns (BETWEEN, interval-shifted comparisons, WITHIN, or
   * both bounds shifted by plain numbers of milliseconds when the columns are the sides' event-time columns);
   * otherwise a TABLE looked up by key: a CTAS or declared table, or a file (or provided) source loaded whole.
   * `left` are the inputs already joined (the FROM input first), whose columns ON may name.
   */
  async joinInput(join: JoinClause, all: PropertyMap, left: readonly InputBinding[] = []): Promise<InputBinding> {
    const relation = join.source;
    if (relation.kind === 'SubqueryRelation') throw errorAt(ErrorCodes.INTERNAL, 'a derived table reached the input resolver', relation.span, this.source);
    const name = relation.kind === 'NamedRelation' ? relation.name : relation.uri;
    const known = this.catalog.get(name);
    const ownType = all[`${name}.type`] ?? known?.declaration?.properties['type'];
    const streamSide = known ? !known.table : ownType !== undefined && !isFileType(ownType) && !this.options.providedSources?.has(name);
    const rightQualifiers = new Set([name, ...(join.alias ? [join.alias.name] : [])]);
    const timeBounded = boundsJoinTimes(join, rightQualifiers);
    const numeric = timeBounded ? undefined : numericTimeBoundColumns(join, rightQualifiers);
    // Resolved as a stream first: whether it is read as a table depends on its columns' types.
    const binding = await this.relationInput(relation, join.alias?.name, all, 'stream');
    if (numeric && numeric.every((column) => isEventTimeColumn(column, column.side === 'right' ? [binding] : left))) {
      return { ...binding, numericTimeBounds: true };
    }
    if (streamSide || timeBounded) return binding;
    // A file read whole as a table without a declared key keeps every row, as SQL joins a file; a declared key
    // (PRIMARY KEY, a YAML field with `key: true`) keeps the latest row per key.
    const everyRow = binding.origin === 'external' && binding.keyColumns.length === 0 && isFileType(binding.connector?.type);
    return { ...binding, role: 'table', keyColumns: tableKey(binding), ...(everyRow ? { keepsEveryRow: true } : {}) };
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
      return { name, alias, origin: 'stream', role, keyColumns: known.primaryKey, connector: undefined, schema: known.schema, sourceId: undefined };
    }
    let connector: ConnectorBinding;
    let declaredSchema: Schema | undefined;
    let keyColumns: readonly string[] = [];
    if (relation.kind === 'UriRelation') {
      connector = withPosition(relation.span, this.source, () => connectorForUri(name, relation.uri, true));
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
      // A topic an earlier job of the app writes (its output stream, re-read through its connector): its rows have
      // that job's schema, so the source need not wait for messages to infer one (the writer has not run yet).
      const written = known?.origin === 'stream' ? known : undefined;
      declaredSchema = configured.schema ?? written?.schema;
      keyColumns = configured.schema ? configured.keyFields : (written?.primaryKey ?? configured.keyFields);
    } else {
      throw this.missingType(name, relation.span);
    }
    const sourceId = ++this.requests;
    const schema = await this.options.resolveSource({ id: sourceId, name, connector, declaredSchema, span: relation.span, readerJob: this.readerJob });
    const binding: InputBinding = { name, alias, origin: 'external', role, keyColumns, connector, schema, sourceId };
    return role === 'table' ? { ...binding, keyColumns: tableKey(binding) } : binding;
  }

  missingType(name: string, span: Select['span']): Error {
    return errorAt(
      ErrorCodes.CONFIG,
      `Source type must be explicitly specified for '${name}'. Use: '${name}.type' = 'file_source' (or 'kafka_source') in WITH, or define '${name}' earlier in the app`,
      span,
      this.source,
    );
  }

  /**
   * A connector's properties with its `config_file` YAML merged underneath (WITH keys win), plus the
   * schema and key fields the YAML declares.
   */
  withConfigFile(
    properties: Record<string, string>,
    name: string,
    span: Select['span'],
  ): { properties: Record<string, string>; schema: Schema | undefined; keyFields: readonly string[] } {
    const path = properties['config_file'];
    if (path === undefined) return { properties, schema: undefined, keyFields: [] };
    const config = withPosition(span, this.source, () =>
      loadConfigFile(path, { baseDir: this.options.baseDir ?? process.cwd(), env: this.env, referencedBy: `${name}.config_file` }),
    );
    const { config_file: _used, ...rest } = properties;
    return { properties: { ...config.properties, ...rest }, schema: config.schema, keyFields: config.keyFields };
  }
}

function isFileType(type: string | undefined): boolean {
  return type === 'file_source' || type === 'file_source_mmap';
}

/** A table's key: its declared key columns, else its first column (dialect §6). */
function tableKey(binding: InputBinding): readonly string[] {
  return binding.keyColumns.length > 0 || binding.schema.length === 0 ? binding.keyColumns : [binding.schema.at(0).name];
}

/**
 * Whether a column ON names is its side's event time: `_event_time`, the source's `event.time.field`, or a
 * TIMESTAMP column. A plain number then shifts it by milliseconds; any other numeric column is not a time.
 */
function isEventTimeColumn(column: SideColumn, inputs: readonly InputBinding[]): boolean {
  const input = inputs.find((i) => i.alias === column.qualifier || i.name === column.qualifier);
  if (!input) return false;
  if (column.name.toLowerCase() === '_event_time') return true;
  if (input.connector?.properties['event.time.field'] === column.name) return true;
  const index = input.schema.indexOf(column.name);
  return index !== -1 && input.schema.at(index).type.kind === 'TIMESTAMP';
}
