import type { RecordLocation } from '@velots/core';
import type { FailureMessage } from './transfer.js';

/** What a worker reading its own share of the source is started with (plain data: `plainPlan` of it). */
export interface ShareWorkerData {
  readonly veloShare: true;
  /** The aggregate and its input chain down to the Scan (`plainPlan`). */
  readonly partial: unknown;
  /** A ShareSourceSpec (`plainPlan`). */
  readonly spec: unknown;
  readonly batchSize: number;
  /** The source columns the job reads (a generator may leave the others NULL); undefined: all. */
  readonly readColumns: readonly number[] | undefined;
  /** Drop record numbers from failures: a file share after the first does not know the file's record count before it. */
  readonly dropRecordNumbers: boolean;
}

/** A malformed source record, as it crosses threads (its VeloError rebuilt on arrival). */
export interface BadRecordMessage {
  readonly raw: string | Uint8Array;
  readonly code: string;
  readonly message: string;
  readonly location: RecordLocation;
}

/** Worker → coordinator. */
export type ShareReply =
  /** Bad records and operator failures met so far (sent as they come, so `fail` stops the job early). */
  | { readonly kind: 'failures'; readonly badRecords: readonly BadRecordMessage[]; readonly failures: readonly FailureMessage[] }
  /** The share is read: the partial aggregate's encoded state and how much was read. */
  | { readonly kind: 'done'; readonly state: Uint8Array; readonly records: number; readonly batches: number }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };
