import type { RecordBatch, Schema, Source, SourceBatch, SourceContext, SourcePosition } from '@velots/core';

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
  private readonly queue: { batch: RecordBatch; input: number; caughtUp: boolean }[] = [];
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
    while (this.reading && this.queue.length >= this.capacity && !this.ended) {
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
    const { batch, input, caughtUp } = this.queue.shift()!;
    this.delivered += batch.rows.length;
    const producer = this.wakeProducer;
    this.wakeProducer = undefined;
    producer?.();
    // Caught up only when the producer was and nothing more is queued.
    return { batch, position: { records: this.delivered }, input, caughtUp: caughtUp && this.queue.length === 0 };
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
