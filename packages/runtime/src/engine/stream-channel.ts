import type { RecordBatch, Schema, Source, SourceBatch, SourceContext, SourcePosition } from '@velots/core';
import type { ChannelEntry } from '../checkpoint/job-checkpoint.js';

/** Tags a batch a channel handed over, so the job that processed it can acknowledge it (see `acknowledgeDelivery`). */
const DELIVERY = Symbol('velo.channelDelivery');

interface QueuedBatch {
  batch: RecordBatch;
  input: number;
  caughtUp: boolean;
}

/**
 * Tells the channel a read came from (through MergedSource and SidedSource, which keep the tag) that its batch is
 * fully processed. A checkpoint then leaves it out of the channel's buffered batches.
 */
export function acknowledgeDelivery(read: SourceBatch): void {
  const delivery = (read as { [DELIVERY]?: { channel: StreamChannel; entry: QueuedBatch } })[DELIVERY];
  delivery?.channel.acknowledge(delivery.entry);
}

/**
 * An in-process stream between two jobs of one app: the producer pushes batches, the consumer reads
 * them as a Source. Bounded: `push` waits while `capacity` batches are queued (backpressure) — once the
 * consumer has started reading. Before that the queue grows: a consumer that first waits for a table fed by
 * the same producer (a JOIN with a CTAS table or a derived table over the stream it reads) would otherwise
 * never start, and the producer never finish.
 */
export class StreamChannel implements Source {
  readonly bounded = true;
  /**
   * How many inputs the producing job reads merged (a UNION's branches): each batch keeps the input it came
   * from, so the consumer's watermark is the minimum over them, not over their interleaving.
   */
  inputCount = 1;
  private readonly queue: QueuedBatch[] = [];
  /**
   * The batch handed over last, until its reader acknowledges it: a reader asks again only after processing
   * what it was given, so this is at most one batch (one that a merged input holds, or a read a checkpoint
   * interrupted), which a checkpoint must keep with the queue.
   */
  private unacknowledged: QueuedBatch | undefined;
  /** True while a checkpoint holds the app's jobs at their batch boundaries: `push` does not wait for room. */
  private checkpointing = false;
  private ended = false;
  private failure: unknown;
  private wakeConsumer: (() => void) | undefined;
  private wakeProducer: (() => void) | undefined;
  private delivered = 0;
  private reading = false;

  constructor(
    readonly name: string,
    private readonly schema: Schema,
    private readonly capacity = 8,
  ) {}

  async open(_context: SourceContext): Promise<Schema> {
    return this.schema;
  }

  /**
   * Queues a batch (from input `input` of the producer, which was `caughtUp` after reading it), waiting while the
   * consumer is `capacity` batches behind.
   */
  async push(batch: RecordBatch, input = 0, caughtUp = false): Promise<void> {
    while (this.reading && this.queue.length >= this.capacity && !this.ended && !this.checkpointing) {
      await new Promise<void>((resolve) => (this.wakeProducer = resolve));
    }
    this.queue.push({ batch, input, caughtUp });
    this.wake();
  }

  /** No more batches will come. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /** The producer failed: the consumer's next read throws `error`. */
  fail(error: unknown): void {
    this.failure = error;
    this.end();
  }

  async next(_maxRecords: number): Promise<SourceBatch | undefined> {
    this.reading = true;
    while (this.queue.length === 0) {
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
    const entry = this.queue.shift()!;
    this.unacknowledged = entry;
    this.delivered += entry.batch.rows.length;
    const producer = this.wakeProducer;
    this.wakeProducer = undefined;
    producer?.();
    // Caught up only when the producer was and nothing more is queued.
    return {
      batch: entry.batch,
      position: { records: this.delivered },
      input: entry.input,
      caughtUp: entry.caughtUp && this.queue.length === 0,
      [DELIVERY]: { channel: this, entry },
    } as SourceBatch;
  }

  /** The reader has processed `entry` (see acknowledgeDelivery). */
  acknowledge(entry: QueuedBatch): void {
    if (this.unacknowledged === entry) this.unacknowledged = undefined;
  }

  /** While a checkpoint holds the jobs, producers finish their batch without waiting for the reader. */
  holdForCheckpoint(on: boolean): void {
    this.checkpointing = on;
    if (on) this.wake();
  }

  /** The batches its reader has not processed yet, oldest first, for a checkpoint. */
  bufferedEntries(): ChannelEntry[] {
    const entries = this.unacknowledged ? [this.unacknowledged, ...this.queue] : this.queue;
    return entries.map(({ batch, input, caughtUp }) => {
      const { schema: _schema, ...rest } = batch;
      return { batch: rest, input, caughtUp };
    });
  }

  /** Puts back the batches a checkpoint kept, ahead of anything pushed since. */
  restoreEntries(entries: readonly ChannelEntry[]): void {
    this.queue.unshift(...entries.map(({ batch, input, caughtUp }) => ({ batch: { ...batch, schema: this.schema }, input, caughtUp })));
    this.wake();
  }

  async commit(_position: SourcePosition): Promise<void> {}

  async close(): Promise<void> {
    this.end();
  }

  private wake(): void {
    const consumer = this.wakeConsumer;
    this.wakeConsumer = undefined;
    consumer?.();
    const producer = this.wakeProducer;
    this.wakeProducer = undefined;
    producer?.();
  }
}
