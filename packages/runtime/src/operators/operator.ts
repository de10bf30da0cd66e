import type { RecordBatch, StateValue } from '@velots/core';

/** A record an operator could not process, with the error that says why. */
export interface RecordFailure {
  readonly batch: RecordBatch;
  readonly index: number;
  readonly error: unknown;
}

/**
 * One step of a compiled pipeline: a batch in, a batch out (possibly empty). Operators are
 * synchronous over a batch; only sources and sinks await.
 */
export interface Operator {
  readonly name: string;
  /** Processes one batch; records that fail go to `failures` (the job applies its failure strategy). */
  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch;
  /**
   * True when `process` reads a batch's column vectors (`RecordBatch.columns`) when it has them: as the job's first
   * operator, its source is asked to deliver them (the choice is made once, at plan time).
   */
  readonly readsColumns?: boolean;
  /** True when the operator will never emit again (a LIMIT that is full): the job may stop reading. */
  readonly finished: boolean;
  /** At the end of a bounded input: what the operator still holds (a full sort), or undefined; records that fail go to `failures`. */
  finish?(failures: RecordFailure[]): RecordBatch | undefined;
  /**
   * The records of the next batch come from member `input` of the job's input (0 when it has one), which
   * `caughtUp` says handed over all it had (`caughtUpPartitions`: which partitions did, when only some did); `now` is
   * processing time; `partitions` (a partitioned input: Kafka) every partition it reads now. Event-time operators keep
   * a watermark per input and partition.
   */
  readFrom?(input: number, caughtUp: boolean, now: number, caughtUpPartitions?: readonly number[], partitions?: readonly number[]): void;
  /** Member `input` of the job's input has ended: it holds the watermark back no more (emit what that closes with onIdle). */
  endInput?(input: number): void;
  /** An unbounded input has been silent a while: what processing-time progress lets the operator emit (closed windows). */
  onIdle?(): RecordBatch | undefined;
  /**
   * The input has caught up (no more records ready at once): EMIT CHANGES operators emit the rows of the groups
   * changed since the last call. Emitting at these points, not per batch, keeps the output independent of the
   * micro-batch size; over a bounded file the changes come out once, at its end.
   */
  emitChanges?(): RecordBatch | undefined;
  /** Records that arrived after all their windows had closed since the last call (window operators). */
  drainLate?(): RecordBatch | undefined;
  /** Keys the operator holds in its state (groups, open windows × groups, sessions), for profiles and metrics. */
  stateEntries?(): number;
  /** The operator's event-time watermark (epoch ms), when it keeps one. */
  currentWatermark?(): number;
  /**
   * The operator's state for a checkpoint, taken between batches: everything `restore` needs to go on exactly
   * where it stands (open windows and their groups, sessions, join buffers, partitions, counters, its watermarks).
   * The checkpoint codec (checkpoint/state-codec.ts) encodes it exactly. A stateless operator leaves it out.
   * May be async (an operator whose state lives on worker threads asks them).
   */
  snapshot?(): StateValue | Promise<StateValue>;
  /** Replaces the operator's state with one its `snapshot` returned (before the first batch after a restart). */
  restore?(state: StateValue): void | Promise<void>;
}
