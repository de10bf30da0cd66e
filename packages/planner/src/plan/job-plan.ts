import type { Schema } from '@velots/core';
import type { Span, StatementAnnotations } from '@velots/sql-parser';
import type { LogicalPlan } from './logical-plan.js';
import type { PhysicalNode } from './physical-plan.js';

/** What a job does with a record it cannot process (dialect §3 `failure_strategy`). */
export type FailureStrategy = 'skip' | 'fail' | 'dead_letter' | 'retry';

/** A source or sink as configured in WITH: its connector type and its own (prefix-stripped) properties. */
export interface ConnectorBinding {
  readonly name: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, string>>;
}

/** One FROM input of a job. */
export interface InputBinding {
  /** The name the statement reads (a stream, table, or a quoted URI). */
  readonly name: string;
  /** How columns are qualified in the query (the alias, else the name). */
  readonly alias: string;
  /** 'external': a connector the runtime opens; 'stream': the output of an earlier statement of the app. */
  readonly origin: 'external' | 'stream';
  /** 'stream': the FROM input, read batch by batch; 'table': a JOIN's table, loaded whole before the stream starts. */
  readonly role: 'stream' | 'table';
  /** A table's key columns (PRIMARY KEY, GROUP BY keys, else its first column): the latest row per key is kept. */
  readonly keyColumns: readonly string[];
  /** A table that keeps every row it receives instead of the latest per key (a derived table in a JOIN). */
  readonly keepsEveryRow?: boolean | undefined;
  /** A stream JOIN whose ON bounds the sides' event-time columns with plain numbers, read as milliseconds. */
  readonly numericTimeBounds?: boolean | undefined;
  readonly connector: ConnectorBinding | undefined;
  readonly schema: Schema;
  /** The SourceRequest id of an external input (the source the runtime opened for it). */
  readonly sourceId: number | undefined;
  /** A UNION's input: the in-process streams (branch job outputs) read merged, in arrival order. */
  readonly members?: readonly string[] | undefined;
}

/** A runnable job: one streaming query with its inputs, output and options. */
export interface JobPlan {
  readonly name: string;
  readonly statementKind: 'CreateStreamAs' | 'CreateTableAs' | 'InsertInto' | 'Select';
  /** The stream or table this job defines, which later statements may read in-process. */
  readonly output: string | undefined;
  readonly inputs: readonly InputBinding[];
  /** Where results go; undefined for an ad-hoc SELECT (the caller decides: stdout, a collector). */
  readonly sink: ConnectorBinding | undefined;
  readonly logical: LogicalPlan;
  readonly root: PhysicalNode;
  readonly schema: Schema;
  readonly primaryKey: readonly string[];
  /** Unprefixed statement properties after `${VAR}` substitution. */
  readonly properties: Readonly<Record<string, string>>;
  readonly failureStrategy: FailureStrategy;
  readonly maxRetries: number;
  readonly retryBackoffMs: number;
  readonly deadLetter: ConnectorBinding | undefined;
  /** Where records later than the watermark allows go (`'<source>.late.sink'`); counted and dropped when unset. */
  readonly lateSink: ConnectorBinding | undefined;
  readonly batchSize: number;
  /** Worker threads for the job's keyed work (`'parallelism'`); undefined: the engine's default. */
  readonly parallelism?: number | undefined;
  /** How often the job checkpoints when the engine keeps checkpoints (`'checkpoint.interval'`, `@checkpoint_interval`; default 10 s). */
  readonly checkpointIntervalMs: number;
  readonly annotations: StatementAnnotations;
  readonly span: Span;
  readonly text: string;
  /** Jobs this one needs: a UNION's branches and its subqueries, each writing an in-process stream. */
  readonly branches: readonly JobPlan[];
  /** The streams of the subqueries this job reads: collected whole before it starts. */
  readonly subqueries: readonly string[];
}

/** A `CREATE STREAM|TABLE n (cols) WITH (…)` declaration: a typed source later statements can read. */
export interface SourceDeclaration {
  readonly name: string;
  readonly objectType: 'STREAM' | 'TABLE';
  readonly schema: Schema;
  readonly primaryKey: readonly string[];
  readonly properties: Readonly<Record<string, string>>;
}

/** What planning one statement produced. */
export type StatementPlan =
  | { readonly kind: 'job'; readonly job: JobPlan; readonly warnings: readonly string[] }
  | { readonly kind: 'declaration'; readonly declaration: SourceDeclaration; readonly warnings: readonly string[] }
  | { readonly kind: 'explain'; readonly text: string; readonly warnings: readonly string[] }
  | { readonly kind: 'noop'; readonly message: string; readonly warnings: readonly string[] };

/** A source the runtime must open so the planner learns its schema (a CSV reads its header). */
export interface SourceRequest {
  /** Unique per app: the InputBinding that reads this source carries the same id. */
  readonly id: number;
  readonly name: string;
  readonly connector: ConnectorBinding;
  /** The schema a `CREATE STREAM s (cols)` declared, which the source casts to. */
  readonly declaredSchema: Schema | undefined;
  readonly span: Span;
  /**
   * The name of the job whose statement reads the source (undefined for a bare SELECT): a source whose readers share
   * a position (a Kafka consumer group) keeps each job's apart by it, so two jobs reading one topic each get all of it.
   */
  readonly readerJob?: string | undefined;
}

/** Opens (or looks up) a source and returns the schema of its rows. */
export type SourceResolver = (request: SourceRequest) => Promise<Schema>;
