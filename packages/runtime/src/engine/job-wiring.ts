import type { Clock, RecordBatch, Row, Sink, Source, Telemetry, VeloError } from '@velots/core';
import type { JobPlan } from '@velots/planner';
import type { BadRecordHandler } from './bad-record-handler.js';
import type { LoadedTable } from '../joins/table-state.js';
import type { JobCheckpoint } from '../checkpoint/job-checkpoint.js';

/* The shapes a JobRunner is built from and reports: what the engine wires into a job, and what it reads back. */

/** What a job reads whole before it starts. */
export interface JobInputs {
  readonly tables: ReadonlyMap<string, LoadedTable>;
  /** Rows of each subquery, by its stream. */
  readonly subqueries: ReadonlyMap<string, readonly Row[]>;
}

/** Where a job's output goes in-process: a StreamChannel (a stream another job reads) or a TableCollector. */
export interface StreamConsumer {
  /** A batch of the job's output, from member `input` of the job's input, which was `caughtUp` after the read. */
  push(batch: RecordBatch, input?: number, caughtUp?: boolean): Promise<void>;
  end(): void;
  fail(error: unknown): void;
}

/** What a job did, for progress lines and `--json` summaries. */
export interface JobStats {
  readonly name: string;
  recordsIn: number;
  recordsOut: number;
  /** Records later than the watermark allows (sent to the late-data sink, or dropped). */
  lateRecords: number;
  batches: number;
  state: 'planned' | 'running' | 'paused' | 'finished' | 'failed' | 'stopped';
  /** Epoch ms when the job started running. */
  startedAt?: number | undefined;
  error?: VeloError | undefined;
  /**
   * How the job uses its worker threads: `shares` (each worker reads a share of the source and aggregates it, the
   * job merges), `keys` (the job reads, workers aggregate by key), `single` (one thread), and why not more.
   */
  threads?: { readonly mode: 'shares' | 'keys' | 'single'; readonly workers: number; readonly reason?: string | undefined } | undefined;
}

export interface JobWiring {
  readonly plan: JobPlan;
  /** The most records the job asks its source for at once. */
  readonly batchSize: number;
  /** Worker threads for the job's keyed work (1: all on this thread); plans that cannot split run on one anyway. */
  readonly workers?: number | undefined;
  readonly source: Source;
  readonly sink: Sink | undefined;
  /** In-process consumers of this job's output stream. */
  readonly downstream: readonly StreamConsumer[];
  /** Loads what the job needs before its first batch: the TABLEs its joins read and its subqueries' rows. */
  readonly prepare: () => Promise<JobInputs>;
  readonly badRecords: BadRecordHandler;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly telemetry: Telemetry;
  /** Where late records go (`'<source>.late.sink'`), opened; undefined: counted and dropped. */
  readonly lateSink: Sink | undefined;
  readonly warn: (message: string) => void;
  /** The `job` label of its metrics (default: the plan's name); a server uses `<app>/<name>`. */
  readonly jobId?: string | undefined;
  /** Transactional mode: the sink commits the source position with its output (`commitWithPosition`) instead of `source.commit`. */
  readonly transactional?: boolean | undefined;
  /**
   * Set when the app keeps checkpoints: the job stops at batch boundaries when its app checkpoints, commits its
   * sources only with the positions of durable checkpoints (the coordinator calls `commitCheckpoint`), and starts
   * from `restore` when given.
   */
  readonly checkpointing?: JobCheckpointing | undefined;
}

/** An external source the job reads as member `input` of its input, opened for SourceRequest `requestId`. */
export interface ExternalInput {
  readonly input: number;
  readonly requestId: number;
  readonly name: string;
  readonly source: Source;
}

export interface JobCheckpointing {
  readonly externalInputs: readonly ExternalInput[];
  /** The job's part of the checkpoint the app restarts from. */
  readonly restore?:
    | { readonly checkpoint: JobCheckpoint; readonly id: number; readonly fellBack: boolean; readonly reason?: string | undefined; readonly readMs: number }
    | undefined;
}

/** A job's checkpoints and restores, for status pages and `velo-cli status`. */
export interface CheckpointStatus {
  readonly lastCheckpoint?: { readonly id: number; readonly takenAt: number; readonly bytes: number; readonly durationMs: number } | undefined;
  /** `durationMs`: reading and decoding the app's checkpoint files plus restoring this job's operators. */
  readonly restores: readonly { readonly at: number; readonly checkpointId: number; readonly fellBack: boolean; readonly reason?: string | undefined; readonly durationMs: number }[];
}

/** The part of a job checkpoint its runner knows (the engine adds its in-process inputs). */
export type RunnerCheckpoint = Pick<JobCheckpoint, 'status' | 'operators' | 'sources' | 'counters' | 'badRecords' | 'maxEventTime' | 'watermarks'>;
