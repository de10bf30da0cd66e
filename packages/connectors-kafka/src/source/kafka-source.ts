import { ErrorCodes, VeloError, type Codec, type ConnectorHealth, type Schema, type Source, type SourceBatch, type SourceContext, type SourcePosition } from '@velots/core';
import type { ConnectorStats } from '@velots/runtime';
import { Kafka, type Consumer, type EachBatchPayload, type KafkaMessage } from 'kafkajs';
import { KafkaMessageDecoder } from './kafka-message-decoder.js';
import { sampleTopicStart } from './log-sampler.js';
import { connectWithRetry } from '../config/connect-retry.js';
import { ConnectionHealth } from '../config/connection-health.js';
import { OffsetCommitter } from './offset-committer.js';
import { consumerConfig, type KafkaSourceOptions } from './kafka-source-options.js';
import { PartitionProgress } from './partition-progress.js';
import { readStartOffsets } from './start-offsets.js';
import { sourceDecoder } from './source-decoder.js';
import { ownedOffsets, resumeOffsets, type KafkaSourcePosition } from './source-position.js';
import { FetchedMessages, payloadsOf, unreadMessages } from './fetched-messages.js';

export type { KafkaSourcePosition } from './source-position.js';
export type { KafkaSourceOptions, ValueCodecChoice } from './kafka-source-options.js';

/** How long `commit` and `close` wait for the broker to acknowledge a commit before going on without it. */
const COMMIT_WAIT_MS = 5000;

/**
 * `kafka_source`: a consumer-group member whose `eachBatch` hands fetched messages to the job, decoded straight
 * into record batches. Backpressure pauses the topic while too many records wait; offsets are committed only
 * through `commit(position)`, which the engine calls after every sink acknowledged the records before it.
 */
export class KafkaSource implements Source {
  readonly name: string;
  readonly bounded: boolean;
  private consumer: Consumer | undefined;
  private decoder: KafkaMessageDecoder | undefined;
  private codec: Codec | undefined;
  private readonly progress = new PartitionProgress();
  private readonly fetched = new FetchedMessages();
  private records = 0;
  private waiter: (() => void) | undefined;
  private drainWaiter: (() => void) | undefined;
  private failure: VeloError | undefined;
  private closed = false;
  private readonly connection = new ConnectionHealth();
  private readonly committer = new OffsetCommitter({
    commitOffsets: (offsets) => (this.consumer as Consumer).commitOffsets([...offsets]),
    onUnreachable: (error) => this.connection.markDisconnected(`committing offsets failed: ${error.message}`),
    describeFailure: (error) =>
      new VeloError(ErrorCodes.SOURCE_READ, `source '${this.name}': committing offsets of topic '${this.options.topic}' failed: ${error.message}`, { cause: error }),
    waitMs: COMMIT_WAIT_MS,
  });

  constructor(private readonly options: KafkaSourceOptions) {
    this.name = options.name;
    this.bounded = options.bounded;
  }

  async open(context: SourceContext): Promise<Schema> {
    const { options } = this;
    const resume = resumeOffsets(context.resumeFrom, options.topic, options.name);
    this.connection.bind(context.telemetry, 'velo_source_connected', 'source', options.name);
    const kafka = new Kafka(this.connection.observe(options.client));
    const admin = kafka.admin();
    await this.connect(admin, context.signal);
    try {
      await readStartOffsets(admin, options, this.progress, resume);
    } finally {
      await admin.disconnect();
    }
    try {
      return await this.start(kafka, context);
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
  }

  /** Joins the group, starts fetching, and settles the codec (sampling first messages when it infers a schema). */
  private async start(kafka: Kafka, context: SourceContext): Promise<Schema> {
    const { options } = this;
    // Nothing new to read for this group but messages in the log: infer the schema from the log's start.
    const sampleLog = options.codec.needsSample && this.progress.progress().total === 0 && this.progress.inLog() > 0;
    const logSample = sampleLog ? await sampleTopicStart(kafka, options, this.progress, context.signal) : undefined;
    await this.runConsumer(kafka, context.signal);
    context.signal.addEventListener('abort', () => this.wake(), { once: true });
    const codec = await options.codec.create(
      logSample ?? (options.codec.needsSample ? await this.sample(context.signal) : []),
    );
    this.codec = codec;
    this.decoder = sourceDecoder(options, codec, context.reportBadRecord);
    return this.decoder.schema;
  }

  /** Creates the group member, joins and starts fetching (eachBatch hands messages to `onBatch`). */
  private async runConsumer(kafka: Kafka, signal: AbortSignal): Promise<void> {
    const { options } = this;
    const consumer = kafka.consumer(consumerConfig(options));
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const assigned = event.payload.memberAssignment[options.topic] ?? [];
      this.progress.assign(assigned);
      // Partitions with a position of this source (resumed from a checkpoint, or read before a rebalance or a
      // consumer restart) continue from it; the others start from the group's committed offset.
      for (const { partition, offset } of this.progress.seekTargets(assigned)) consumer.seek({ topic: options.topic, partition, offset: String(offset) });
      this.connection.markConnected();
      this.wake();
    });
    consumer.on(consumer.events.FETCH, () => this.connection.markConnected());
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      this.connection.markDisconnected(`consumer crashed: ${error.message}`);
      // A retriable crash (the cluster went away, retries ran out): kafkajs restarts the consumer with backoff, and
      // the job stalls meanwhile; the partitions continue from this source's position once it rejoins.
      if (restart || this.closed) return;
      this.fail(error);
    });
    await this.connect(consumer, signal);
    await consumer.subscribe({ topic: options.topic, fromBeginning: options.autoOffsetReset === 'earliest' });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  private fail(error: Error): void {
    this.failure ??= new VeloError(
      ErrorCodes.SOURCE_READ,
      `source '${this.options.name}': Kafka consumer of topic '${this.options.topic}' failed: ${error.message}`,
      { cause: error },
    );
    this.wake();
  }

  async next(maxRecords: number): Promise<SourceBatch | undefined> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.fetched.size > 0) return this.take(maxRecords);
      if (this.closed || (this.bounded && this.progress.caughtUp())) return undefined;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  /**
   * The offsets of `position` in the form a transactional producer's `sendOffsets` takes: this source's group and
   * the partitions it still owns (a rebalance hands the others to their new member, which commits them itself).
   */
  transactionOffsets(position: SourcePosition): { consumerGroupId: string; topics: { topic: string; partitions: { partition: number; offset: string }[] }[] } {
    const partitions = this.ownedOffsets(position).map(({ partition, offset }) => ({ partition, offset }));
    return { consumerGroupId: this.options.groupId, topics: partitions.length === 0 ? [] : [{ topic: this.options.topic, partitions }] };
  }

  /** Commits `position`'s offsets of the partitions this member owns (see OffsetCommitter: newest wins, bounded wait). */
  async commit(position: SourcePosition): Promise<void> {
    const topics = this.ownedOffsets(position);
    if (!this.consumer || topics.length === 0) return;
    await this.committer.commit(topics);
  }

  /** The offsets of `position` for the partitions this member owns: an older offset of another's would only rewind it. */
  private ownedOffsets(position: SourcePosition): { topic: string; partition: number; offset: string }[] {
    return ownedOffsets(position, this.options.topic, this.assignment());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    this.drainWaiter?.();
    await this.committer.settle(COMMIT_WAIT_MS);
    await this.consumer?.disconnect();
  }

  /** The partitions the consumer group currently assigns this member (empty until it joined). */
  assignment(): readonly number[] {
    return this.progress.joined ? this.progress.assignedPartitions() : [];
  }

  /** Records and bytes read, and for bounded runs the offsets done of the total to read. */
  stats(): ConnectorStats & { progress?: { done: number; total: number; unit: string } } {
    const progress = this.progress.progress();
    return {
      records: this.records,
      bytes: this.decoder?.bytes ?? 0,
      badRecords: this.decoder?.badRecords ?? 0,
      ...(this.bounded ? { progress: { ...progress, unit: 'offsets' } } : {}),
    };
  }

  /** Whether the consumer reaches the cluster now, and the last error it met (see ConnectorHealth). */
  health(): ConnectorHealth {
    return this.connection.snapshot();
  }

  /** Connects a kafkajs client, trying again while the cluster is unreachable for up to `connect.timeout.ms`. */
  private async connect(client: { connect(): Promise<void>; disconnect(): Promise<void> }, signal: AbortSignal): Promise<void> {
    const { brokers } = this.options.client;
    const timeoutMs = this.options.connectTimeoutMs;
    await connectWithRetry(client, timeoutMs, this.connection, signal, (error, waited) =>
      new VeloError(ErrorCodes.SOURCE_READ, `source '${this.name}': cannot connect to Kafka at ${brokers.toString()} (tried for ${waited} ms, connect.timeout.ms = ${timeoutMs}): ${error.message}`, { cause: error, retryable: true }),
    );
  }

  /** The eachBatch handler: keeps the fetched messages (up to a bounded run's end) and pauses while the job is behind. */
  private async onBatch({ batch, heartbeat, isRunning }: EachBatchPayload): Promise<void> {
    const { topic } = this.options;
    const end = this.bounded ? this.progress.endOf(batch.partition) : Number.POSITIVE_INFINITY;
    const messages = unreadMessages(batch.messages, this.progress.fetchedNextOf(batch.partition), end);
    if (messages === undefined) return;
    // Records written after the run started belong to the next run: stop fetching this partition.
    if (Number(batch.lastOffset()) >= end) this.consumer?.pause([{ topic, partitions: [batch.partition] }]);
    this.progress.fetched(batch.partition, Number(batch.lastOffset()), messages.length, Number(batch.highWatermark));
    if (messages.length > 0) {
      this.fetched.add(batch.partition, messages);
      this.wake();
    }
    if (this.fetched.size < this.options.maxBufferedRecords || this.closed) return;
    this.consumer?.pause([{ topic }]);
    while (this.fetched.size >= this.options.maxBufferedRecords / 2 && !this.closed && isRunning()) {
      await Promise.race([
        new Promise<void>((resolve) => (this.drainWaiter = resolve)),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
      await heartbeat();
    }
    this.resumeUnfinished();
  }

  /** Resumes the topic after backpressure, except the partitions a bounded run has read to their end. */
  private resumeUnfinished(): void {
    const { topic } = this.options;
    if (!this.bounded) {
      this.consumer?.resume([{ topic }]);
      return;
    }
    const open = this.progress.assignedPartitions().filter((p) => !this.progress.fetchedToEnd(p));
    if (open.length > 0) this.consumer?.resume([{ topic, partitions: open }]);
  }

  /** Up to `maxRecords` buffered messages as one decoded batch, and the position after them. */
  private async take(maxRecords: number): Promise<SourceBatch> {
    const decoder = this.decoder as KafkaMessageDecoder;
    const slices = this.fetched.take(maxRecords);
    if (this.fetched.size < this.options.maxBufferedRecords / 2) this.drainWaiter?.();
    // A registry codec fetches the schemas the payloads name, once per batch, so decoding stays synchronous.
    if (this.codec?.prepare) await this.codec.prepare(payloadsOf(slices));
    for (const { partition, messages, from, to } of slices) {
      for (let i = from; i < to; i++) {
        const message = messages[i] as KafkaMessage;
        decoder.add(partition, message);
        this.progress.delivered(partition, Number(message.offset));
      }
    }
    const result = decoder.finish();
    this.records += result.rows.length;
    const position: KafkaSourcePosition = { topic: this.options.topic, offsets: this.progress.offsets() };
    return { batch: result, position: position as unknown as SourcePosition, ...this.progress.caughtUpMarks() };
  }

  /** The first payloads, for schema inference: `sampleSize` of them, or all there are once the consumer is caught up. */
  private async sample(signal: AbortSignal): Promise<Uint8Array[]> {
    const { sampleSize, topic } = this.options;
    for (;;) {
      if (this.failure) throw this.failure;
      const payloads = this.fetched.peekPayloads(sampleSize);
      const settled =
        this.progress.joined &&
        this.progress.assignedPartitions().every((p) => this.progress.fetchedToEnd(p) || this.fetched.holds(p));
      if (payloads.length >= sampleSize || (payloads.length > 0 && settled)) return payloads;
      if (this.bounded && this.progress.joined && this.progress.caughtUp()) {
        throw new VeloError(
          ErrorCodes.CONFIG,
          `source '${this.name}': topic '${topic}' has no messages to infer a schema from; declare one with CREATE STREAM ${this.name} (cols) WITH (…)`,
        );
      }
      if (signal.aborted || this.closed)
        throw new VeloError(
          ErrorCodes.SOURCE_READ,
          `source '${this.name}': stopped before a message arrived to infer the schema from`,
        );
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
