import { ErrorCodes, isVeloError, noopTelemetry, systemClock, VeloError, type BadRecord, type ErrorCode, type RecordBatch, type Source, type StateValue } from '@velots/core';
import type { PhysicalNode } from '@velots/planner';
import type { MessagePort } from 'node:worker_threads';
import { encodeState } from '../checkpoint/state-codec.js';
import { buildOperators } from '../engine/operator-chain.js';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { shareSource, sharePosition, type ShareSourceSpec } from './share-sources.js';
import type { BadRecordMessage, ShareReply, ShareStart, ShareWorkerData } from './share-protocol.js';
import { pickRecords, revivePlan, type FailureMessage } from './transfer.js';

/** The most rows a worker joins into one posted batch (`ordered`). */
const MESSAGE_ROWS = 16_384;

/**
 * One worker of a job whose workers read the source themselves. `partial`: reads its share, runs the chain below the
 * GROUP BY and the aggregate over it, and posts the aggregate's encoded state at the end. `ordered`: reads each of its
 * shares when the coordinator asks, runs the filters/projections above the source and posts every batch, with the bad
 * and failed records met in it. Bad records always reach the coordinator, which applies the job's failure strategy.
 */
export async function runShare(data: ShareWorkerData, port: MessagePort): Promise<void> {
  try {
    const part = revivePlan(data.part) as PhysicalNode;
    const specs = data.specs.map((spec) => revivePlan(spec) as ShareSourceSpec);
    const operators = buildOperators(part, systemClock, true);
    if (data.mode === 'partial') await aggregateShares(data, specs, operators, port);
    else await postShares(data, specs, operators, port);
  } catch (error) {
    const code = isVeloError(error) ? error.code : ErrorCodes.JOB_FAILED;
    port.postMessage({ kind: 'error', code, message: error instanceof Error ? error.message : String(error) } satisfies ShareReply);
  }
}

/** `partial`: every share through the operators (the aggregate last), then the aggregate's state. */
async function aggregateShares(data: ShareWorkerData, specs: readonly ShareSourceSpec[], operators: readonly Operator[], port: MessagePort): Promise<void> {
  let records = 0;
  let batches = 0;
  for (const spec of specs) {
    const reader = new ShareReader(spec, data, operators);
    for (let out = await reader.next(); out !== undefined; out = await reader.next()) {
      records += reader.lastRead;
      batches++;
      if (reader.hasFailures()) port.postMessage({ kind: 'failures', ...reader.takeFailures() } satisfies ShareReply);
    }
  }
  const state = operators[operators.length - 1]!.snapshot?.() as StateValue;
  port.postMessage({ kind: 'done', state: new Uint8Array(encodeState([state])), records, batches } satisfies ShareReply);
}

/**
 * `ordered`: each share once the coordinator starts it, its output posted in order (batches joined up to
 * MESSAGE_ROWS rows: a message costs far more than its rows), then its end.
 */
async function postShares(data: ShareWorkerData, specs: readonly ShareSourceSpec[], operators: readonly Operator[], port: MessagePort): Promise<void> {
  const send = data.sendColumns ? new Set(data.sendColumns) : undefined;
  const started = startRequests(port);
  for (const spec of specs) {
    await started(spec.index);
    const reader = new ShareReader(spec, data, operators);
    let read = 0;
    let held: RecordBatch[] = [];
    let heldRows = 0;
    const post = (): void => {
      const joinedBatch = joinBatches(held);
      // A file share's read times and record numbers are not the one thread's: plans reading them are not split, so they stay here.
      const batch = spec.kind === 'file-bytes' ? { ...joinedBatch, timestamps: undefined, offsets: undefined } : joinedBatch;
      const transfer: ArrayBuffer[] = [];
      const all = Array.from({ length: batch.rows.length }, (_, i) => i);
      port.postMessage({ kind: 'batch', share: spec.index, batch: pickRecords(batch, all, transfer, send), read, ...reader.takeFailures() } satisfies ShareReply, transfer);
      held = [];
      heldRows = 0;
      read = 0;
    };
    for (let out = await reader.next(); out !== undefined; out = await reader.next()) {
      read += reader.lastRead;
      if (out.rows.length === 0) continue;
      held.push(out);
      heldRows += out.rows.length;
      if (heldRows >= MESSAGE_ROWS) post();
    }
    if (heldRows > 0) post();
    port.postMessage({ kind: 'shareEnd', share: spec.index, read, ...reader.takeFailures() } satisfies ShareReply);
  }
}

/** One batch of the rows of `batches`, in order, with their metadata (plain loops: `flatMap` costs per element). */
function joinBatches(batches: readonly RecordBatch[]): RecordBatch {
  if (batches.length === 1) return batches[0]!;
  const first = batches[0]!;
  return {
    schema: first.schema,
    rows: joined(batches, (b) => b.rows)!,
    eventTimes: joined(batches, (b) => b.eventTimes)!,
    timestamps: joined(batches, (b) => b.timestamps),
    keys: joined(batches, (b) => b.keys),
    partitions: joined(batches, (b) => b.partitions),
    offsets: joined(batches, (b) => b.offsets),
    topic: first.topic,
  };
}

/** The arrays `pick` gives each batch, one after the other; undefined when a batch has none. */
function joined<T>(batches: readonly RecordBatch[], pick: (batch: RecordBatch) => readonly T[] | undefined): T[] | undefined {
  let length = 0;
  for (const batch of batches) {
    const values = pick(batch);
    if (values === undefined) return undefined;
    length += values.length;
  }
  const out = new Array<T>(length);
  let at = 0;
  for (const batch of batches) {
    const values = pick(batch)!;
    for (let i = 0; i < values.length; i++) out[at++] = values[i]!;
  }
  return out;
}

/** Resolves `started(share)` once the coordinator posted `start` for that share (in any order relative to the call). */
function startRequests(port: MessagePort): (share: number) => Promise<void> {
  const requested = new Set<number>();
  const waiting = new Map<number, () => void>();
  port.on('message', (message: ShareStart) => {
    const wake = waiting.get(message.share);
    if (wake) {
      waiting.delete(message.share);
      wake();
    } else requested.add(message.share);
  });
  port.unref();
  return (share) => {
    if (requested.delete(share)) return Promise.resolve();
    port.ref();
    return new Promise<void>((resolve) => {
      waiting.set(share, () => {
        port.unref();
        resolve();
      });
    });
  };
}

/** One share's records through the worker's operators, batch by batch, collecting its bad and failed records. */
class ShareReader {
  /** Source records behind the latest batch `next` returned. */
  lastRead = 0;
  private source: Source | undefined;
  private readonly badRecords: BadRecordMessage[] = [];
  private readonly failures: RecordFailure[] = [];

  constructor(
    private readonly spec: ShareSourceSpec,
    private readonly data: ShareWorkerData,
    private readonly operators: readonly Operator[],
  ) {}

  /** The next batch out of the operators (possibly empty), or undefined at the share's end (its source then closed). */
  async next(): Promise<RecordBatch | undefined> {
    const source = this.source ?? (await this.open());
    const read = await source.next(this.data.batchSize);
    if (read === undefined) {
      await source.close();
      return undefined;
    }
    this.lastRead = read.batch.rows.length;
    const now = systemClock.now();
    for (const operator of this.operators) operator.readFrom?.(0, false, now);
    let batch: RecordBatch = read.batch;
    for (let i = 0; i < this.operators.length && batch.rows.length > 0; i++) batch = this.operators[i]!.process(batch, this.failures);
    return batch;
  }

  hasFailures(): boolean {
    return this.badRecords.length > 0 || this.failures.length > 0;
  }

  takeFailures(): { badRecords: BadRecordMessage[]; failures: FailureMessage[] } {
    return { badRecords: this.badRecords.splice(0), failures: failureMessages(this.failures.splice(0), this.spec.dropRecordNumbers) };
  }

  private async open(): Promise<Source> {
    const source = shareSource(this.spec);
    const drop = this.spec.dropRecordNumbers;
    await source.open({
      signal: new AbortController().signal,
      telemetry: noopTelemetry,
      clock: systemClock,
      resumeFrom: sharePosition(this.spec),
      reportBadRecord: (record) => this.badRecords.push(badRecordMessage(record, drop)),
    });
    if (this.data.readColumns) source.readColumns?.(new Set(this.data.readColumns));
    this.source = source;
    return source;
  }
}

function badRecordMessage(record: BadRecord, dropRecordNumbers: boolean): BadRecordMessage {
  const { offset, ...rest } = record.location;
  const location = dropRecordNumbers ? rest : { ...rest, offset };
  return { raw: record.raw, code: record.error.code, message: record.error.message, location };
}

/** Operator failures with their whole row (the coordinator never had the batch). */
function failureMessages(failures: readonly RecordFailure[], dropRecordNumbers: boolean): FailureMessage[] {
  return failures.map((f) => ({
    source: undefined,
    row: f.batch.rows[f.index] as FailureMessage['row'],
    fields: f.batch.schema.fields,
    eventTime: f.batch.eventTimes[f.index] ?? 0,
    partition: f.batch.partitions?.[f.index],
    offset: dropRecordNumbers ? undefined : f.batch.offsets?.[f.index],
    code: isVeloError(f.error) ? f.error.code : ErrorCodes.INTERNAL,
    message: f.error instanceof Error ? f.error.message : String(f.error),
  }));
}

/** The VeloError of a bad record that crossed threads. */
export function badRecordOfMessage(message: BadRecordMessage): BadRecord {
  return { raw: message.raw, error: new VeloError(message.code as ErrorCode, message.message, { location: message.location }), location: message.location };
}
