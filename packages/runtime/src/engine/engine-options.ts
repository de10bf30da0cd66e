import type { Clock, Sink, Telemetry, VeloError } from '@velots/core';
import type { JobPlan } from '@velots/planner';
import type { Statement } from '@velots/sql-parser';
import type { ProvidedSource } from './connector-factory.js';
import type { JobStats, StreamConsumer } from './job-wiring.js';

/* What an Engine is loaded with and what its run reports. */

export interface EngineOptions {
  /** The app: one or more `;`-separated statements. */
  readonly sql: string;
  /** File name for error positions; its directory is the base for relative paths unless `baseDir` is set. */
  readonly file?: string | undefined;
  readonly baseDir?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Sources by name, for embedding: Source objects or (async) iterables of plain objects. */
  readonly sources?: Readonly<Record<string, ProvidedSource>> | undefined;
  /** Sinks by name, overriding what WITH configures. */
  readonly sinks?: Readonly<Record<string, Sink>> | undefined;
  /** The sink for a job without one (an ad-hoc SELECT): stdout in the CLI, a collector when embedded. */
  readonly resultSink?: ((job: JobPlan) => Sink | undefined) | undefined;
  readonly clock?: Clock | undefined;
  readonly telemetry?: Telemetry | undefined;
  /**
   * The most records per batch for every job, instead of each job's `max_batch_size` (a source's own
   * `'<source>.batch.size'` still caps it). Results never depend on it; tests run at several sizes to prove that.
   */
  readonly batchSize?: number | undefined;
  /**
   * Worker threads for every job, instead of each job's `'parallelism'` (default 1: one thread): each reads a share of
   * a file or generator source, or (over Kafka) a GROUP BY splits by key; a job whose plan allows neither runs on one
   * thread whatever this says (its `JobStats.threads` says why; see docs/architecture.md).
   */
  readonly workers?: number | undefined;
  /** Refuses a statement before it is planned (a command that has no meaning for this caller): the error is thrown. */
  readonly checkStatement?: ((statement: Statement) => VeloError | undefined) | undefined;
  /** Warnings and once-per-kind bad-record reports; default: stderr. */
  readonly warn?: ((message: string) => void) | undefined;
  /** An extra in-process reader of a job's output (a server keeps a CTAS table's rows by key, evaluates `@metric`). */
  readonly observeOutput?: ((job: JobPlan) => StreamConsumer | undefined) | undefined;
  /** When set, every file path a connector names must lie inside this directory (a server's apps folder). */
  readonly allowedRoot?: string | undefined;
  /** A job's own telemetry (its `@observability.*` switches); default: `telemetry`. */
  readonly telemetryFor?: ((job: JobPlan) => Telemetry) | undefined;
  /** The `job` label of a job's metrics (default: its name). */
  readonly jobId?: ((job: JobPlan) => string) | undefined;
  /**
   * Keep checkpoints of the app's state in `dir` (the app's own directory: one sub-directory per job) every
   * `intervalMs` (default: the smallest `'checkpoint.interval'` / `@checkpoint_interval` of its jobs, else 10 s),
   * restore from the newest complete one on start, and commit sources only up to durable checkpoints.
   */
  readonly checkpoints?: EngineCheckpoints | undefined;
}

export interface EngineCheckpoints {
  readonly dir: string;
  readonly intervalMs?: number | undefined;
}

/** Worker threads per job unless configured: measured best on the 2-core reference machine (docs/benchmarks.md). */
export const DEFAULT_WORKERS = 1;

/** What a run did: per job, per connector, errors by code, wall time. */
export interface RunSummary {
  readonly ok: boolean;
  readonly wallMs: number;
  readonly jobs: readonly JobStats[];
  readonly badRecords: Readonly<Record<string, number>>;
  readonly error?: VeloError | undefined;
}
