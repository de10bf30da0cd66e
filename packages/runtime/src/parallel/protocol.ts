import type { MessagePort } from 'node:worker_threads';
import type { BatchMessage, FailureMessage } from './transfer.js';

/** What a worker is started with. */
export interface StageWorkerData {
  readonly veloStage: true;
  /** The part of the plan the worker runs (its leaf a Scan of the partitioned records), as `plainPlan` made it. */
  readonly tail: unknown;
  readonly bounded: boolean;
  readonly inputCount: number;
  /** Int32 counters: [batches done, replies posted, exited], each notified on change. */
  readonly control: SharedArrayBuffer;
  readonly port: MessagePort;
}

export const BATCHES_DONE = 0;
export const REPLIES = 1;
/** Set to 1 when the worker thread exits (its coordinator may be blocked waiting and unable to see the 'exit' event). */
export const EXITED = 2;
export const COUNTER_BYTES = 12;

/** Coordinator → worker. */
export type StageRequest =
  | { readonly kind: 'batch'; readonly batch: BatchMessage; readonly input: number; readonly caughtUp: boolean; readonly now: number; readonly caughtUpPartitions?: readonly number[] | undefined; readonly partitions?: readonly number[] | undefined }
  | { readonly kind: 'endInput'; readonly input: number }
  | { readonly kind: 'changes' }
  | { readonly kind: 'idle' }
  | { readonly kind: 'finish' }
  /** The worker's operator states for a checkpoint (encoded with the state codec: Decimals survive the message). */
  | { readonly kind: 'snapshot' }
  /** Replaces the worker's operator states with encoded ones (`snapshot`'s, or re-partitioned from them). */
  | { readonly kind: 'restore'; readonly state: Uint8Array };

/** Worker → coordinator, on the reply port. */
export type StageReply =
  | { readonly kind: 'failures'; readonly failures: readonly FailureMessage[] }
  | { readonly kind: 'output'; readonly batches: readonly BatchMessage[]; readonly failures: readonly FailureMessage[]; readonly stateEntries: number; readonly late: readonly BatchMessage[] }
  | { readonly kind: 'snapshot'; readonly state: Uint8Array }
  | { readonly kind: 'restored' }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };
