import {
  ErrorCodes,
  Schema,
  SqlTypes,
  VeloError,
  field,
  type Codec,
  type Source,
  type SourceBatch,
  type SourceContext,
  type ConnectorHealth,
  type SourcePosition,
} from '@velots/core';
import { createEventTimeExtractor, type ConnectorStats } from '@velots/runtime';
import { Kafka, type Consumer, type EachBatchPayload, type KafkaMessage } from 'kafkajs';
import { KafkaMessageDecoder } from './kafka-message-decoder.js';
import { sampleTopicStart } from './log-sampler.js';
import { connectWithRetry } from '../config/connect-retry.js';
import { ConnectionHealth } from '../config/connection-health.js';
import { OffsetCommitter } from './offset-committer.js';
import type { KafkaSourceOptions } from './kafka-source-options.js';
import { PartitionProgress } from './partition-progress.js';
import { readStartOffsets } from './start-offsets.js';
import { resumeOffsets, type KafkaSourcePosition } from './source-position.js';

export type { KafkaSourcePosition } from './source-position.js';
export type { KafkaSourceOptions, ValueCodecChoice } from './kafka-source-options.js';

/** How long `commit` and `close` wait for the broker to acknowledge a commit before going on without it. */
const COMMIT_WAIT_MS = 5000;

interface FetchedBatch {
  readonly partition: number;
  readonly messages: readonly KafkaMessage[];
  index: number;
}

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
  private readonly fetched: FetchedBatch[] = [];
  private buffered = 0;
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
    const schema = this.schemaWith(codec.schema);
    this.decoder = new KafkaMessageDecoder({
      source: options.name,
      topic: options.topic,
      codec,
      schema,
      keyColumn: options.keyField === undefined ? -1 : schema.indexOf(options.keyField),
      eventTime: options.eventTime ? createEventTimeExtractor(schema, options.eventTime) : undefined,
      reportBadRecord: context.reportBadRecord,
    });
    return schema;
  }

  /** Creates the group member, joins and starts fetching (eachBatch hands messages to `onBatch`). */
  private async runConsumer(kafka: Kafka, signal: AbortSignal): Promise<void> {
    const { options } = this;
    const sessionTimeoutMs = options.sessionTimeoutMs;
    const consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: Math.min(options.heartbeatIntervalMs, Math.floor(sessionTimeoutMs / 3)),
      rebalanceTimeout: options.rebalanceTimeoutMs,
      maxWaitTimeInMs: options.maxWaitMs,
      allowAutoTopicCreation: false,
      readUncommitted: options.readUncommitted,
    });
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
      if (this.buffered > 0) return this.take(maxRecords);
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
    const { offsets } = position as unknown as KafkaSourcePosition;
    const owned = new Set(this.assignment());
    return Object.entries(offsets)
      .filter(([partition]) => owned.has(Number(partition)))
      .map(([partition, offset]) => ({ topic: this.options.topic, partition: Number(partition), offset: String(offset) }));
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
  private async connect(client: { connect(): Promise<void> }, signal: AbortSignal): Promise<void> {
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
    let messages = batch.messages;
    if (messages.length === 0) return;
    // A fetch begun before a rebalance or a consumer restart may hand back records this source already has.
    const fetchedNext = this.progress.fetchedNextOf(batch.partition);
    if (Number((messages[0] as KafkaMessage).offset) < fetchedNext) {
      messages = messages.filter((m) => Number(m.offset) >= fetchedNext);
      if (messages.length === 0) return;
    }
    if (Number(batch.lastOffset()) >= end) {
      messages = messages.filter((m) => Number(m.offset) < end);
      // Records written after the run started belong to the next run: stop fetching this partition.
      this.consumer?.pause([{ topic, partitions: [batch.partition] }]);
    }
    this.progress.fetched(batch.partition, Number(batch.lastOffset()), messages.length, Number(batch.highWatermark));
    if (messages.length > 0) {
      this.fetched.push({ partition: batch.partition, messages, index: 0 });
      this.buffered += messages.length;
      this.wake();
    }
    if (this.buffered < this.options.maxBufferedRecords || this.closed) return;
    this.consumer?.pause([{ topic }]);
    while (this.buffered >= this.options.maxBufferedRecords / 2 && !this.closed && isRunning()) {
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
    // The slices of fetched batches this read covers: [batch, from, to].
    const slices: [FetchedBatch, number, number][] = [];
    let taken = 0;
    while (taken < maxRecords && this.fetched.length > 0) {
      const head = this.fetched[0] as FetchedBatch;
      const stop = Math.min(head.messages.length, head.index + (maxRecords - taken));
      slices.push([head, head.index, stop]);
      taken += stop - head.index;
      head.index = stop;
      if (head.index >= head.messages.length) this.fetched.shift();
    }
    this.buffered -= taken;
    if (this.buffered < this.options.maxBufferedRecords / 2) this.drainWaiter?.();
    // A registry codec fetches the schemas the payloads name, once per batch, so decoding stays synchronous.
    if (this.codec?.prepare) {
      const payloads: Uint8Array[] = [];
      for (const [batch, from, to] of slices)
        for (let i = from; i < to; i++) {
          const value = (batch.messages[i] as KafkaMessage).value;
          if (value !== null) payloads.push(value);
        }
      await this.codec.prepare(payloads);
    }
    for (const [batch, from, to] of slices) {
      const { messages, partition } = batch;
      for (let i = from; i < to; i++) {
        const message = messages[i] as KafkaMessage;
        decoder.add(partition, message);
        this.progress.delivered(partition, Number(message.offset));
      }
    }
    const result = decoder.finish();
    this.records += result.rows.length;
    const position: KafkaSourcePosition = { topic: this.options.topic, offsets: this.progress.offsets() };
    return this.withCaughtUp({ batch: result, position: position as unknown as SourcePosition });
  }

  /**
   * Marks a batch with the partitions that are caught up (at their high watermark, nothing buffered) and with every
   * assigned partition: the engine lets only caught-up ones count as idle, so a partition that is behind (or has not
   * delivered its first record yet) keeps holding the watermark back.
   */
  private withCaughtUp(read: SourceBatch): SourceBatch {
    const caught = this.progress.caughtUpPartitions();
    const partitions = this.progress.assignedPartitions();
    const all = caught.length === partitions.length;
    return { ...read, caughtUp: all, caughtUpPartitions: all ? undefined : caught, partitions };
  }

  /** The first payloads, for schema inference: `sampleSize` of them, or all there are once the consumer is caught up. */
  private async sample(signal: AbortSignal): Promise<Uint8Array[]> {
    const { sampleSize, topic } = this.options;
    for (;;) {
      if (this.failure) throw this.failure;
      const payloads = this.fetched
        .flatMap((f) => f.messages.slice(f.index))
        .flatMap((m) => (m.value === null ? [] : [m.value]));
      const settled =
        this.progress.joined &&
        this.progress.assignedPartitions().every((p) => this.progress.fetchedToEnd(p) || this.fetchedAny(p));
      if (payloads.length >= sampleSize || (payloads.length > 0 && settled)) return payloads.slice(0, sampleSize);
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

  private fetchedAny(partition: number): boolean {
    return this.fetched.some((f) => f.partition === partition);
  }

  /** The codec's columns, plus the `key.field` column (STRING) when the value has no column of that name. */
  private schemaWith(valueSchema: Schema): Schema {
    const key = this.options.keyField;
    if (key === undefined || valueSchema.indexOf(key) !== -1) return valueSchema;
    return new Schema([...valueSchema.fields, field(key, SqlTypes.STRING)]);
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
