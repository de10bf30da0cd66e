import { ErrorCodes, Schema, VeloError, type BadRecord, type ErrorCode, type Source, type StateValue } from '@velots/core';
import type { JobPlan } from '@velots/planner';
import { Worker } from 'node:worker_threads';
import { decodeState } from '../checkpoint/state-codec.js';
import { TextRecordSource } from '../connectors/file/text-record-source.js';
import { NexmarkSource } from '../connectors/nexmark/nexmark-source.js';
import { scanColumnsRead } from '../engine/scan-columns-read.js';
import type { RecordFailure } from '../operators/operator.js';
import { mergePartialStates } from './partial-merge.js';
import { trackThread, workerEntryUrl } from './parallel-stage-operator.js';
import type { ShareSourceSpec } from './share-sources.js';
import type { BadRecordMessage, ShareReply, ShareWorkerData } from './share-protocol.js';
import { badRecordOfMessage } from './share-worker.js';
import { fileShares, lineEndsBefore, recordShares, type SourceShare } from './source-shares.js';
import { sourceSplitOf, type SourceSplitPlan } from './source-split-plan.js';
import { columnsReadBy } from './plan-split.js';
import { plainPlan, reviveRows, type FailureMessage } from './transfer.js';

/** `ordered` shares: about this many bytes of a file, or records of a generated stream, each (memory stays ~ workers × one share). */
const ORDERED_SHARE_BYTES = 8 << 20;
const ORDERED_SHARE_RECORDS = 1 << 17;
const MAX_SHARES = 4096;

/** A job whose workers read the source in shares: the split and the shares (two or more). */
export interface PlannedSourceSplit {
  readonly plan: SourceSplitPlan;
  readonly shares: readonly SourceShare[];
  readonly workers: number;
  /** The file a file share reads (absolute) and how errors name it. */
  readonly file: { readonly id: string; readonly display: string } | undefined;
}

/** Called with the bad and failed records workers met (the job applies its failure strategy; it may throw). */
export type FailureReport = (badRecords: readonly BadRecord[], failures: readonly RecordFailure[]) => Promise<void> | void;

/**
 * How a job runs on `workers` threads, decided before it reads: its workers read their own shares of the source when
 * `sourceSplitOf` allows and the source cuts into two shares or more (`split`); else `reason` says why not.
 */
export async function planSourceSplit(job: JobPlan, source: Source, workers: number, checkpointing: boolean): Promise<{ split?: PlannedSourceSplit; reason?: string }> {
  const plan = sourceSplitOf(job, source.bounded, checkpointing);
  if (typeof plan === 'string') return { reason: plan };
  try {
    plainPlan(plan.worker);
  } catch {
    return { reason: 'a function the worker threads do not have' };
  }
  const ordered = plan.mode === 'ordered';
  let file: PlannedSourceSplit['file'];
  let shares: SourceShare[];
  if (plan.share === 'record-index') {
    if (!(source instanceof NexmarkSource)) return { reason: 'the source is provided by the program' };
    shares = recordShares(plan.connector, ordered ? (records) => shareCount(records, ORDERED_SHARE_RECORDS, workers) : workers);
  } else {
    const files = source instanceof TextRecordSource ? source.inputFiles() : [];
    if (files.length !== 1) return { reason: 'the source is not one file' };
    file = files[0];
    shares = await fileShares(file!.id, plan.connector, ordered ? (bytes) => shareCount(bytes, ORDERED_SHARE_BYTES, workers) : workers);
  }
  if (shares.length < 2) return { reason: 'the input is too small to cut' };
  return { split: { plan, shares, workers: Math.min(workers, shares.length), file } };
}

function shareCount(size: number, per: number, workers: number): number {
  return Math.min(MAX_SHARES, Math.max(workers, Math.ceil(size / per)));
}

/** Starts one worker thread over the given shares. */
export function startShareWorker(split: PlannedSourceSplit, job: JobPlan, batchSize: number, shareIndexes: readonly number[], sendColumns: ReadonlySet<number> | undefined): Worker {
  const read = scanColumnsRead(job);
  const specs = shareIndexes.map((index): ShareSourceSpec => ({
    kind: split.plan.share,
    connector: split.plan.connector,
    path: split.file?.id,
    display: split.file?.display ?? split.plan.connector.name,
    schema: job.inputs[0]!.schema,
    share: split.shares[index]!,
    index,
    dropRecordNumbers: split.plan.share === 'file-bytes' && split.shares[index]!.start > 0,
  }));
  const workerData: ShareWorkerData = {
    veloShare: true,
    mode: split.plan.mode,
    part: plainPlan(split.plan.worker),
    specs: specs.map((spec) => plainPlan(spec)),
    batchSize,
    readColumns: read ? [...read] : undefined,
    sendColumns: sendColumns ? [...sendColumns] : undefined,
  };
  const worker = new Worker(workerEntryUrl(), { workerData });
  trackThread(worker);
  return worker;
}

/** What the workers of a `partial` split read, and their aggregates merged into one UpdatingAggregate snapshot. */
export interface PartialOutcome {
  readonly state: StateValue;
  readonly records: number;
  readonly batches: number;
}

/**
 * Runs a `partial` split to its end: one worker per share reads it and aggregates it; the failures they meet are
 * reported as they arrive; their states are merged in share order. Workers stop when it ends, fails or `signal` aborts.
 */
export async function runPartialSplit(split: PlannedSourceSplit, job: JobPlan, batchSize: number, report: FailureReport, signal: AbortSignal): Promise<PartialOutcome> {
  const threads = split.shares.map((_share, w) => startShareWorker(split, job, batchSize, [w], undefined));
  const stop = (): Promise<unknown> => Promise.all(threads.map((thread) => thread.terminate()));
  const onAbort = (): void => void stop();
  signal.addEventListener('abort', onAbort, { once: true });
  // Failures are reported in file order, one report at a time (the failure strategy may throw and end the run): a
  // share's as they come while the shares before it are done, the others held until then.
  const held = split.shares.map((): Promise<[BadRecord[], RecordFailure[]]>[] => []);
  const lines = new FileLines(split);
  const finishedShares = split.shares.map(() => false);
  let current = 0;
  let reporting: Promise<void> = Promise.resolve();
  const flushReady = (): void => {
    for (;;) {
      for (const revived of held[current]!.splice(0)) reporting = reporting.then(async () => report(...(await revived)));
      if (!finishedShares[current] || current === split.shares.length - 1) return;
      current++;
    }
  };
  try {
    const finished = threads.map(
      (thread, w) =>
        new Promise<Extract<ShareReply, { kind: 'done' }>>((resolve, reject) => {
          thread.on('message', (reply: ShareReply) => {
            if (reply.kind === 'error') reject(new VeloError(reply.code as ErrorCode, reply.message));
            else if (reply.kind === 'done') {
              finishedShares[w] = true;
              flushReady();
              reporting.catch(reject);
              resolve(reply);
            } else if (reply.kind === 'failures') {
              held[w]!.push(lines.place(w, reply.badRecords).then((placed) => revivedFailures(placed, reply.failures)));
              flushReady();
              reporting.catch(reject);
            }
          });
          thread.on('error', reject);
          thread.on('exit', (code) => reject(exitError(code, signal)));
        }),
    );
    const done = await Promise.all(finished);
    await reporting;
    const states = done.map((reply) => (decodeState(reply.state) as readonly StateValue[])[0]);
    return {
      state: mergePartialStates(split.plan.aggregate!, states),
      records: done.reduce((sum, reply) => sum + reply.records, 0),
      batches: done.reduce((sum, reply) => sum + reply.batches, 0),
    };
  } finally {
    signal.removeEventListener('abort', onAbort);
    await stop();
  }
}

/** The columns of the workers' output the coordinator's first operator reads (undefined: all of them). */
export function columnsSentFor(split: PlannedSourceSplit, job: JobPlan): ReadonlySet<number> | undefined {
  if (job.failureStrategy === 'dead_letter' || job.lateSink !== undefined) return undefined;
  let lowest = split.plan.coordinator;
  if (lowest.kind === 'Scan') return undefined;
  while (lowest.input.kind !== 'Scan') lowest = lowest.input;
  if (lowest.kind === 'Aggregate') return columnsReadBy(lowest);
  if (lowest.kind === 'FilterProject' && lowest.columns !== undefined) return columnsReadBy({ ...lowest, input: undefined, schema: undefined });
  return undefined;
}

export function exitError(code: number, signal: AbortSignal): VeloError {
  return new VeloError(ErrorCodes.JOB_FAILED, signal.aborted ? 'the job was stopped' : `a worker thread of the job exited (code ${code}) before its shares were read`);
}

/** Bad records and failed records as they were before crossing threads. */
export function revivedFailures(badRecords: readonly BadRecordMessage[], failures: readonly FailureMessage[]): [BadRecord[], RecordFailure[]] {
  return [badRecords.map(badRecordOfMessage), failures.map(recordFailureOf)];
}

/**
 * The file lines of bad records a share reported (its reader counts lines from 1 at its first byte): the lines before
 * the share are counted once per share, when one first reports a bad record.
 */
export class FileLines {
  private readonly before = new Map<number, Promise<number>>();

  constructor(private readonly split: PlannedSourceSplit) {}

  async place(share: number, messages: readonly BadRecordMessage[]): Promise<readonly BadRecordMessage[]> {
    const start = this.split.shares[share]!.start;
    const file = this.split.file;
    if (messages.length === 0 || start === 0 || file === undefined) return messages;
    let counting = this.before.get(share);
    if (counting === undefined) this.before.set(share, (counting = lineEndsBefore(file.id, start)));
    const lines = await counting;
    return messages.map((m) => {
      const line = m.location.line;
      if (line === undefined) return m;
      const prefix = `${file.display}:${line}`;
      const message = m.message.startsWith(prefix) ? `${file.display}:${line + lines}${m.message.slice(prefix.length)}` : m.message;
      return { ...m, message, location: { ...m.location, line: line + lines } };
    });
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
