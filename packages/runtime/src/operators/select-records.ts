import type { RecordBatch } from '@velots/core';
import { batchFromSelection } from './gather-metadata.js';

/** The records of `batch` at `indexes`, in that order, with their metadata. */
export function selectRecords(batch: RecordBatch, indexes: readonly number[]): RecordBatch {
  const rows = indexes.map((i) => batch.rows[i] as RecordBatch['rows'][number]);
  const eventTimes = indexes.map((i) => batch.eventTimes[i] as number);
  return batchFromSelection(batch, batch.schema, rows, eventTimes, [...indexes]);
}
