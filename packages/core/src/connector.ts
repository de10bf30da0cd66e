import type { RecordBatch } from './batch.js';
import type { Clock } from './clock.js';
import type { RecordLocation, VeloError } from './errors.js';
import type { Schema } from './schema.js';
import type { Telemetry } from './telemetry.js';
import type { RecordHeaders, Row } from './values.js';

/**
 * A checkpointable place in a source: JSON-serialisable and opaque to the engine
 * (a file source keeps its byte offset and line; a Kafka source its offset per partition).
 */
export type SourcePosition = Readonly<Record<string, unknown>>;

/** A record a source or codec could not turn into a row: kept whole with its reason and place. */
export interface BadRecord {
  readonly raw: string | Uint8Array;
  readonly error: VeloError;
  readonly location: RecordLocation;
  /** The message key of a keyed record (Kafka), kept so a dead-letter topic can repeat it. */
  readonly key?: string | Uint8Array | null | undefined;
  /** The record's headers (Kafka), kept for the dead-letter topic. */
  readonly headers?: RecordHeaders | undefined;
}

export interface ConnectorContext {
  /** Aborted when the job stops; long waits must give up on it. */
  readonly signal: AbortSignal;
  readonly telemetry: Telemetry;
  readonly clock: Clock;
}

export interface SourceContext extends ConnectorContext {
  /** Where to resume from (a checkpoint), or undefined to start at the beginning / per the source's config. */
  readonly resumeFrom?: SourcePosition | undefined;
  /** Hands a malformed record to the job's failure strategy (skip, dead-letter, fail); never drop one silently. */
  readonly reportBadRecord: (record: BadRecord) => void;
}

/** A batch read from a source, and the position just after its last record. */
export interface SourceBatch {
  readonly batch: RecordBatch;
  readonly position: SourcePosition;
  /**
   * The source's own watermark after this batch, epoch ms, when it tracks one (per-partition minimum);
   * undefined lets the engine derive it from event times.
   */
  readonly watermark?: number | undefined;
  /**
   * True when the source handed this batch over because no more input was ready at once: it has read
   * everything available (the end of a tailed file, stdin with nothing buffered, a Kafka partition at its
   * high watermark). Operators emit their pending changes then, and only a caught-up input may let
   * processing time advance its watermark while it is silent. Bounded inputs that are read as fast as
   * possible (files) leave it unset until their end.
   */
  readonly caughtUp?: boolean | undefined;
  /**
   * For a partitioned source (Kafka): the partitions that are caught up after this batch (at their high
   * watermark), when only some are. A caught-up partition silent for the idle timeout stops holding the source's
   * watermark back while the others keep it; `caughtUp` says all of them are.
   */
  readonly caughtUpPartitions?: readonly number[] | undefined;
  /**
   * For a partitioned source (Kafka): every partition it reads now (its assignment). A listed partition that has not
   * delivered a record yet holds the watermark back (until it is caught up and idle), so windows do not close before
   * its records arrive; a partition no longer listed (revoked in a rebalance) stops holding it.
   */
  readonly partitions?: readonly number[] | undefined;
  /** Which member of a merged input (a UNION's branches, a job reading several sources) the batch came from; 0 when alone. */
  readonly input?: number | undefined;
  /** The member `input` has ended (the batch is empty): it no longer holds the merged input's watermark back. */
  readonly inputEnded?: boolean | undefined;
}

/**
 * Whether a connector currently reaches its external system (a Kafka cluster): an optional capability that a
 * status view and a `velo_source_connected` / `velo_sink_connected` gauge read. A connector that lost its system
 * stalls and retries by itself; `connected` turns true again once it is back.
 */
export interface ConnectorHealth {
  readonly connected: boolean;
  /** The last connection or request error, kept after reconnecting so a status view can say what happened. */
  readonly lastError?: string | undefined;
  /** Epoch ms since which `connected` has had its current value. */
  readonly since: number;
}

/**
 * Where records come from. The engine calls `open`, then `next` in a loop (one batch per async step),
 * and `commit` with a position once every sink has acknowledged everything read up to it.
 */
export interface Source {
  readonly name: string;
  /** True when the input ends (files, generators with a count); false for Kafka and tailed files. */
  readonly bounded: boolean;
  /** Opens the source and returns the schema of its rows (a CSV source reads its header first). */
  open(context: SourceContext): Promise<Schema>;
  /**
   * The next batch of at most `maxRecords` records. An unbounded source may return an empty batch when
   * nothing arrived in time (so idle time can advance watermarks); `undefined` means the input has ended.
   */
  next(maxRecords: number): Promise<SourceBatch | undefined>;
  /** Records that everything up to `position` is safely processed (Kafka commits the offsets). */
  commit(position: SourcePosition): Promise<void>;
  close(): Promise<void>;
  /** Optional: whether the source reaches its external system now (see ConnectorHealth). */
  health?(): ConnectorHealth;
  /**
   * Optional: told once after planning, before the first `next`, that the job reads no column of its rows
   * but these (by position). A source that makes values at a cost (a generator) may leave the others NULL.
   */
  readColumns?(columns: ReadonlySet<number>): void;
  /**
   * Optional: asked once after planning, before the first `next`, when the job's first operator reads column
   * vectors (`RecordBatch.columns`). True when the source will deliver its batches with them from now on.
   */
  deliverColumns?(): boolean;
}

/**
 * Where records go. `write` resolves once the batch is accepted (it may wait: that is backpressure);
 * `flush` resolves once everything written so far is durably acknowledged, so offsets and checkpoints
 * advance only after it.
 */
export interface Sink {
  readonly name: string;
  open(schema: Schema, context: ConnectorContext): Promise<void>;
  write(batch: RecordBatch): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
  /**
   * Optional capability of a sink that can commit a source's position atomically with its own output (Kafka
   * transactions: the sends since the last call and the consumer offsets in one transaction). A job in
   * transactional mode calls it at each commit point instead of `source.commit`; it throws a CONFIG error
   * when `source` is not one whose position it can commit, and aborts (and throws) when the commit fails.
   */
  commitWithPosition?(position: SourcePosition, source: Source): Promise<void>;
  /** Optional: whether the sink reaches its external system now (see ConnectorHealth). */
  health?(): ConnectorHealth;
  /**
   * Optional: rows whose delivery failed after `write` had accepted them (an asynchronous producer gave up), each
   * with its error, handed over once. A sink that implements it keeps such failures out of later `write`/`flush`
   * calls: the job applies its failure strategy to the rows (dead letter, skip, fail).
   */
  takeUndelivered?(): readonly UndeliveredRows[];
}

/** Output rows a sink could not deliver, and why (see Sink.takeUndelivered). */
export interface UndeliveredRows {
  readonly rows: readonly Row[];
  readonly error: VeloError;
}
