import type { RecordLocation } from '@velots/core';
import type { BatchMessage, FailureMessage } from './transfer.js';

/** What a worker reading its own shares of the source is started with (plain data: `plainPlan` of the plan parts). */
export interface ShareWorkerData {
  readonly veloShare: true;
  /** `partial`: aggregate the shares and post the state at the end; `ordered`: post each share's batches when asked to. */
  readonly mode: 'partial' | 'ordered';
  /** What the worker runs over its records (`plainPlan`; its leaf the job's Scan). */
  readonly part: unknown;
  /** The worker's shares in order: ShareSourceSpecs (`plainPlan`). */
  readonly specs: readonly unknown[];
  readonly batchSize: number;
  /** The source columns the job reads (a generator may leave the others NULL); undefined: all. */
  readonly readColumns: readonly number[] | undefined;
  /** `ordered`: the output columns the coordinator reads (the others are not posted); undefined: all. */
  readonly sendColumns: readonly number[] | undefined;
}

/** A malformed source record, as it crosses threads (its VeloError rebuilt on arrival). */
export interface BadRecordMessage {
  readonly raw: string | Uint8Array;
  readonly code: string;
  readonly message: string;
  readonly location: RecordLocation;
}

/** Coordinator → worker (`ordered`): read share `share` (the coordinator is about to need it). */
export interface ShareStart {
  readonly kind: 'start';
  readonly share: number;
}

/** Worker → coordinator. Bad records and failed records travel with the batch they came from (or the share's end). */
export type ShareReply =
  | { readonly kind: 'failures'; readonly badRecords: readonly BadRecordMessage[]; readonly failures: readonly FailureMessage[] }
  | { readonly kind: 'batch'; readonly share: number; readonly batch: BatchMessage; readonly read: number; readonly badRecords: readonly BadRecordMessage[]; readonly failures: readonly FailureMessage[] }
  | { readonly kind: 'shareEnd'; readonly share: number; readonly read: number; readonly badRecords: readonly BadRecordMessage[]; readonly failures: readonly FailureMessage[] }
  /** `partial`: the share is read; the partial aggregate's encoded state and how much was read. */
  | { readonly kind: 'done'; readonly state: Uint8Array; readonly records: number; readonly batches: number }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };
