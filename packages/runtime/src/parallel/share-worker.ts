import { ErrorCodes, isVeloError, noopTelemetry, systemClock, VeloError, type BadRecord, type ErrorCode, type RecordBatch, type StateValue } from '@velots/core';
import type { PhysicalNode } from '@velots/planner';
import type { MessagePort } from 'node:worker_threads';
import { encodeState } from '../checkpoint/state-codec.js';
import { buildOperators } from '../engine/operator-chain.js';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { shareSource, sharePosition, type ShareSourceSpec } from './share-sources.js';
import type { BadRecordMessage, ShareReply, ShareWorkerData } from './share-protocol.js';
import { revivePlan, type FailureMessage } from './transfer.js';

/**
 * One worker of a job whose workers read the source themselves: reads its share, runs the chain below the GROUP BY
 * and the aggregate over it (a partial aggregate), reports bad records as it meets them, and at the end posts the
 * aggregate's encoded state for the coordinator to merge.
 */
export async function runShare(data: ShareWorkerData, port: MessagePort): Promise<void> {
  try {
    const partial = revivePlan(data.partial) as PhysicalNode;
    const spec = revivePlan(data.spec) as ShareSourceSpec;
    const operators = buildOperators(partial, systemClock, true);
    const badRecords: BadRecordMessage[] = [];
    const failures: RecordFailure[] = [];
    const source = shareSource(spec);
    await source.open({
      signal: new AbortController().signal,
      telemetry: noopTelemetry,
      clock: systemClock,
      resumeFrom: sharePosition(spec),
      reportBadRecord: (record) => badRecords.push(badRecordMessage(record, data.dropRecordNumbers)),
    });
    if (data.readColumns) source.readColumns?.(new Set(data.readColumns));
    let records = 0;
    let batches = 0;
    for (let read = await source.next(data.batchSize); read !== undefined; read = await source.next(data.batchSize)) {
      records += read.batch.rows.length;
      batches++;
      const now = systemClock.now();
      for (const operator of operators) operator.readFrom?.(0, false, now);
      let batch: RecordBatch = read.batch;
      for (let i = 0; i < operators.length && batch.rows.length > 0; i++) batch = operators[i]!.process(batch, failures);
      if (badRecords.length > 0 || failures.length > 0) {
        port.postMessage({ kind: 'failures', badRecords: badRecords.splice(0), failures: failureMessages(failures.splice(0), data.dropRecordNumbers) } satisfies ShareReply);
      }
    }
    await source.close();
    const aggregate = operators[operators.length - 1]!;
    const state = aggregate.snapshot?.() as StateValue;
    port.postMessage({ kind: 'done', state: new Uint8Array(encodeState([state])), records, batches } satisfies ShareReply);
  } catch (error) {
    const code = isVeloError(error) ? error.code : ErrorCodes.JOB_FAILED;
    port.postMessage({ kind: 'error', code, message: error instanceof Error ? error.message : String(error) } satisfies ShareReply);
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
