import { ErrorCodes, Schema, VeloError, type BadRecord, type ErrorCode, type Source, type StateValue } from '@velots/core';
import type { JobPlan } from '@velots/planner';
import { Worker } from 'node:worker_threads';
import { decodeState } from '../checkpoint/state-codec.js';
import { TextRecordSource } from '../connectors/file/text-record-source.js';
import { scanColumnsRead } from '../engine/scan-columns-read.js';
import type { RecordFailure } from '../operators/operator.js';
import { mergePartialStates } from './partial-merge.js';
import { workerEntryUrl } from './parallel-stage-operator.js';
import type { ShareSourceSpec } from './share-sources.js';
import type { ShareReply, ShareWorkerData } from './share-protocol.js';
import { badRecordOfMessage } from './share-worker.js';
import { fileShares, recordShares, type SourceShare } from './source-shares.js';
import { sourceSplitOf, type SourceSplitPlan } from './source-split-plan.js';
import { plainPlan, reviveRows, type FailureMessage } from './transfer.js';

/** What the workers of a split source read, and their partial aggregates merged into one aggregate's state. */
export interface SplitOutcome {
  /** An UpdatingAggregateOperator snapshot of every group (restore the coordinator's aggregate with it). */
  readonly state: StateValue;
  readonly records: number;
  readonly batches: number;
  /** How many workers read a share (fewer than asked when the file was too small to cut). */
  readonly shares: number;
}

/** Called as workers report bad records and failed records (the job applies its failure strategy; it may throw). */
export type FailureReport = (badRecords: readonly BadRecord[], failures: readonly RecordFailure[]) => Promise<void>;

/** The file a split file source reads and how errors name it, or undefined when `source` is not one file. */
function fileOf(source: Source): { id: string; display: string } | undefined {
  if (!(source instanceof TextRecordSource)) return undefined;
  const files = source.inputFiles();
  return files.length === 1 ? files[0] : undefined;
}

/**
 * Whether a split plan can run over this opened source (a file source that resolved one file; a generator), as the
 * shares to read; undefined when it cannot (the job then runs as without the split).
 */
export async function sharesFor(split: SourceSplitPlan, source: Source, workers: number): Promise<SourceShare[] | undefined> {
  if (split.share === 'record-index') return recordShares(split.connector, workers);
  const file = fileOf(source);
  return file ? fileShares(file.id, split.connector, workers) : undefined;
}

/** A job whose workers read the source in shares: the split and the shares (two or more). */
export interface PlannedSourceSplit {
  readonly plan: SourceSplitPlan;
  readonly shares: readonly SourceShare[];
}

/**
 * How a job runs on `workers` threads, decided before it reads: its workers read their own shares of the source when
 * `sourceSplitOf` allows and the source cuts into two shares or more (`split`); else `reason` says why not.
 */
export async function planSourceSplit(job: JobPlan, source: Source, workers: number, checkpointing: boolean): Promise<{ split?: PlannedSourceSplit; reason?: string }> {
  const plan = sourceSplitOf(job, source.bounded, checkpointing);
  if (typeof plan === 'string') return { reason: plan };
  const shares = await sharesFor(plan, source, workers);
  if (!shares) return { reason: 'the source resolved to more than one file' };
  if (shares.length < 2) return { reason: 'the file is too small to cut' };
  return { split: { plan, shares } };
}

/**
 * Runs a split source to its end: one worker thread per share reads it and aggregates it partially; the failures
 * they meet are reported as they arrive; their states are merged in share order. Workers are stopped when it ends,
 * fails or `signal` aborts.
 */
export async function runSourceSplit(
  split: SourceSplitPlan,
  job: JobPlan,
  source: Source,
  shares: readonly SourceShare[],
  batchSize: number,
  report: FailureReport,
  signal: AbortSignal,
): Promise<SplitOutcome> {
  const file = fileOf(source);
  const read = scanColumnsRead(job);
  const threads = shares.map((share, w) => {
    const spec: ShareSourceSpec = { kind: split.share, connector: split.connector, path: file?.id, display: file?.display ?? split.connector.name, schema: job.inputs[0]!.schema, share };
    const workerData: ShareWorkerData = {
      veloShare: true,
      partial: plainPlan(split.partial),
      spec: plainPlan(spec),
      batchSize,
      readColumns: read ? [...read] : undefined,
      dropRecordNumbers: split.share === 'file-bytes' && w > 0,
    };
    return new Worker(workerEntryUrl(), { workerData });
  });
  const stop = (): void => {
    for (const thread of threads) void thread.terminate();
  };
  signal.addEventListener('abort', stop, { once: true });
  try {
    // Failures are reported in arrival order, one report at a time (the failure strategy may throw and end the run).
    let reporting: Promise<void> = Promise.resolve();
    const finished = threads.map(
      (thread) =>
        new Promise<Extract<ShareReply, { kind: 'done' }>>((resolve, reject) => {
          thread.on('message', (reply: ShareReply) => {
            if (reply.kind === 'error') reject(new VeloError(reply.code as ErrorCode, reply.message));
            else if (reply.kind === 'done') resolve(reply);
            else {
              const badRecords = reply.badRecords.map(badRecordOfMessage);
              const failures = reply.failures.map(recordFailureOf);
              reporting = reporting.then(() => report(badRecords, failures));
              reporting.catch(reject);
            }
          });
          thread.on('error', reject);
          thread.on('exit', (code) => reject(new VeloError(ErrorCodes.JOB_FAILED, signal.aborted ? 'the job was stopped' : `a worker thread of the job exited (code ${code}) before its share was read`)));
        }),
    );
    const done = await Promise.all(finished);
    await reporting;
    const states = done.map((reply) => (decodeState(reply.state) as readonly StateValue[])[0]);
    return {
      state: mergePartialStates(split.partial, states),
      records: done.reduce((sum, reply) => sum + reply.records, 0),
      batches: done.reduce((sum, reply) => sum + reply.batches, 0),
      shares: shares.length,
    };
  } finally {
    signal.removeEventListener('abort', stop);
    stop();
  }
}

/** A failure a worker's operators met, with the record it failed on (as a one-record batch). */
function recordFailureOf(failure: FailureMessage): RecordFailure {
  reviveRows([failure.row]);
  return {
    batch: {
      schema: new Schema(failure.fields),
      rows: [failure.row],
      eventTimes: [failure.eventTime],
      partitions: failure.partition === undefined ? undefined : [failure.partition],
      offsets: failure.offset === undefined ? undefined : [failure.offset],
    },
    index: 0,
    error: new VeloError(failure.code as ErrorCode, failure.message),
  };
}
