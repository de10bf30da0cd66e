import { ErrorCodes, VeloError, type BadRecord, type Codec, type ConnectorContext, type ConnectorHealth, type RecordBatch, type Row, type Schema, type Sink, type Source, type SourcePosition, type UndeliveredRows } from '@velots/core';
import type { ConnectorStats } from '@velots/runtime';
import { CompressionTypes, Kafka, type IHeaders, type KafkaConfig, type Message, type Producer, type Transaction } from 'kafkajs';
import { DEFAULT_CONNECT_TIMEOUT_MS, connectWithRetry } from '../config/connect-retry.js';
import { ConnectionHealth, isConnectionError } from '../config/connection-health.js';
import { KafkaSource } from '../source/kafka-source.js';
import { deadLetterMessage } from './dead-letter-messages.js';
import { compileMessageKey, type MessageKeyBuilder } from './message-key.js';

export interface KafkaSinkOptions {
  readonly name: string;
  readonly topic: string;
  readonly client: KafkaConfig;
  /** The value codec for the output schema. */
  readonly codec: (schema: Schema) => Codec | Promise<Codec>;
  /** Output columns that make the message key (`key.field`, else PRIMARY KEY / GROUP BY columns). */
  readonly keyColumns: readonly string[];
  /** -1 (all in-sync replicas), 0 or 1. */
  readonly acks: -1 | 0 | 1;
  readonly compression: CompressionTypes;
  /** Messages per produce request. */
  readonly batchSize: number;
  /** Produce requests in flight before `write` waits (backpressure); 1 keeps every message in order. */
  readonly maxInFlight: number;
  readonly idempotent: boolean;
  /** Transactional mode: the producer's transactional id (stable across restarts); sends join one transaction per commit point. */
  readonly transactionalId?: string | undefined;
  /** How long the broker lets a transaction stay open before aborting it (`transaction.timeout.ms`). */
  readonly transactionTimeoutMs?: number | undefined;
  /**
   * How long a produce request whose cluster is unreachable keeps being retried before the job fails
   * (`delivery.timeout.ms`); undefined: it waits for the cluster as long as it takes (the job stalls meanwhile).
   */
  readonly deliveryTimeoutMs?: number | undefined;
  /** How long `open` keeps trying to reach an unreachable cluster before it fails; undefined: the default (30 s). */
  readonly connectTimeoutMs?: number | undefined;
  /** Makes the producer (tests hand in a fake one); default: a kafkajs producer from `client`. */
  readonly producerFactory?: ((config: ProducerSettings) => Producer) | undefined;
}

/** The producer settings the sink asks for. */
export interface ProducerSettings {
  readonly client: KafkaConfig;
  readonly idempotent: boolean;
  readonly maxInFlightRequests: number | undefined;
  readonly transactionalId: string | undefined;
  readonly transactionTimeout: number | undefined;
}

function kafkajsProducer(settings: ProducerSettings): Producer {
  return new Kafka(settings.client).producer({
    idempotent: settings.idempotent,
    allowAutoTopicCreation: false,
    ...(settings.maxInFlightRequests !== undefined ? { maxInFlightRequests: settings.maxInFlightRequests } : {}),
    ...(settings.transactionalId !== undefined ? { transactionalId: settings.transactionalId } : {}),
    ...(settings.transactionTimeout !== undefined ? { transactionTimeout: settings.transactionTimeout } : {}),
  });
}

/** The first wait before a produce request is sent again to an unreachable cluster, doubled up to the maximum. */
const RETRY_BACKOFF_MS = 200;
const RETRY_BACKOFF_MAX_MS = 5000;

function toBuffer(value: Uint8Array): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * `kafka_sink`: encodes each output row with the value codec, keys it, keeps the batch's headers (trace
 * context) and event time as the message timestamp, and produces in batches with a bounded number of requests
 * in flight. `flush` resolves once every message sent so far was acknowledged with the configured acks.
 */
export class KafkaSink implements Sink {
  readonly name: string;
  private producer: Producer | undefined;
  private codec: Codec | undefined;
  private keyOf: MessageKeyBuilder = () => null;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: VeloError | undefined;
  private closing = false;
  private readonly connection = new ConnectionHealth();
  private records = 0;
  private bytes = 0;
  private deadLettered = 0;
  /** Output rows whose produce request failed for good, for the job's failure strategy (see takeUndelivered). */
  private undelivered: UndeliveredRows[] = [];
  /** Transactional mode: the transaction the sends since the last commit point belong to. */
  private transaction: Promise<Transaction> | undefined;

  constructor(private readonly options: KafkaSinkOptions) {
    this.name = options.name;
  }

  async open(schema: Schema, context: ConnectorContext): Promise<void> {
    const { options } = this;
    this.connection.bind(context.telemetry, 'velo_sink_connected', 'sink', options.name);
    this.codec = await options.codec(schema);
    this.keyOf = compileMessageKey(schema, options.keyColumns, `sink '${options.name}'`);
    const transactional = options.transactionalId !== undefined;
    const producer = (options.producerFactory ?? kafkajsProducer)({
      client: this.connection.observe(options.client),
      idempotent: options.idempotent,
      maxInFlightRequests: options.idempotent || transactional ? 1 : undefined,
      transactionalId: options.transactionalId,
      transactionTimeout: options.transactionTimeoutMs,
    });
    await connectWithRetry(producer, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, this.connection, context.signal, (error, waited) =>
      new VeloError(ErrorCodes.SINK_WRITE, `sink '${options.name}': cannot connect to Kafka at ${options.client.brokers.toString()} (tried for ${waited} ms, connect.timeout.ms = ${options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS}): ${error.message}`, { cause: error, retryable: true }),
    );
    this.producer = producer;
  }

  async write(batch: RecordBatch): Promise<void> {
    if (this.failure) throw this.failure;
    const codec = this.codec as Codec;
    const { rows, eventTimes, headers } = batch;
    const { batchSize } = this.options;
    for (let start = 0; start < rows.length; start += batchSize) {
      const end = Math.min(rows.length, start + batchSize);
      const messages: Message[] = new Array(end - start);
      for (let i = start; i < end; i++) {
        const row = rows[i] as Row;
        let value: Uint8Array;
        try {
          value = codec.encode(row);
        } catch (error) {
          throw new VeloError(ErrorCodes.SINK_WRITE, `sink '${this.name}': ${(error as Error).message}`, { cause: error });
        }
        this.bytes += value.length;
        const recordHeaders = headers?.[i];
        messages[i - start] = {
          key: this.keyOf(row),
          value: toBuffer(value),
          timestamp: String(eventTimes[i] ?? Date.now()),
          ...(recordHeaders ? { headers: recordHeaders as IHeaders } : {}),
        };
      }
      await this.send(messages, rows.slice(start, end));
      this.records += messages.length;
    }
  }

  /** Writes bad records to this sink's topic with their original key, value and headers plus `velo.*` reason headers. */
  async writeDeadLetters(records: readonly BadRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.send(records.map(deadLetterMessage));
    await this.flush();
    this.deadLettered += records.length;
  }

  /** Resolves once every message sent so far is acknowledged (in transactional mode: written, visible after the commit). */
  async flush(): Promise<void> {
    await this.settle();
  }

  /**
   * Transactional mode's commit point: the sends since the last one, then `position`'s offsets (`sendOffsets`
   * for the source's consumer group), then `commit`, all in one transaction; on any failure the transaction is
   * aborted and the error thrown, so nothing of the interval is visible to read_committed readers and the
   * offsets stay where they were (a restart reads the interval again).
   */
  async commitWithPosition(position: SourcePosition, source: Source): Promise<void> {
    if (!(source instanceof KafkaSource)) {
      throw new VeloError(ErrorCodes.CONFIG, `sink '${this.name}': a transactional job commits the offsets of a kafka_source with its output, but its source '${source.name}' is not one (a single Kafka topic)`);
    }
    const producer = this.producer;
    if (!producer || this.options.transactionalId === undefined) throw new VeloError(ErrorCodes.SINK_WRITE, `sink '${this.name}' is not open in transactional mode`);
    const offsets = source.transactionOffsets(position);
    let transaction: Transaction | undefined;
    try {
      await this.settle();
      transaction = await (this.transaction ?? producer.transaction());
      if (offsets.topics.length > 0) await transaction.sendOffsets(offsets);
      await transaction.commit();
    } catch (error) {
      await this.abortTransaction(transaction);
      throw error instanceof VeloError
        ? error
        : new VeloError(ErrorCodes.SINK_WRITE, `sink '${this.name}': the transaction of topic '${this.options.topic}' failed and was aborted: ${(error as Error).message}`, { cause: error, retryable: true });
    } finally {
      this.transaction = undefined;
    }
  }

  /** Output rows whose delivery failed for good since the last call (outside transactions), with the error. */
  takeUndelivered(): readonly UndeliveredRows[] {
    if (this.undelivered.length === 0) return [];
    const taken = this.undelivered;
    this.undelivered = [];
    return taken;
  }

  /** Whether the producer reaches the cluster now, and the last error it met (see ConnectorHealth). */
  health(): ConnectorHealth {
    return this.connection.snapshot();
  }

  async close(): Promise<void> {
    this.closing = true;
    try {
      await Promise.allSettled([...this.inFlight]);
      // A transaction still open at close (a stopped job, a failure) is aborted: its records were never committed.
      if (this.transaction) await this.abortTransaction(await this.transaction.catch(() => undefined));
      this.transaction = undefined;
    } finally {
      await this.producer?.disconnect();
      this.producer = undefined;
    }
  }

  /** Waits for every send in flight; throws the first failure. */
  private async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    if (this.failure) throw this.failure;
  }

  private async abortTransaction(transaction: Transaction | undefined): Promise<void> {
    const open = transaction ?? (await this.transaction?.catch(() => undefined));
    if (open?.isActive()) await open.abort().catch(() => undefined);
  }

  stats(): ConnectorStats {
    return { records: this.records + this.deadLettered, bytes: this.bytes, badRecords: 0 };
  }

  /**
   * Sends `messages` until the cluster acknowledges them. While the cluster is unreachable the request is sent again
   * with backoff (up to `deliveryTimeoutMs` when set), so writes and flushes wait and the job stalls instead of
   * failing; any other error — or one inside a transaction, which the commit point aborts and replays — fails the sink.
   */
  private async deliver(target: Producer | Transaction, messages: Message[], rows: readonly Row[] | undefined): Promise<void> {
    const { topic, acks, compression, deliveryTimeoutMs } = this.options;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await target.send({ topic, messages, acks, compression });
        this.connection.markConnected();
        return;
      } catch (error) {
        const waiting = Date.now() - started;
        const retry = this.options.transactionalId === undefined && !this.closing && isConnectionError(error) && (deliveryTimeoutMs === undefined || waiting < deliveryTimeoutMs);
        if (!retry) {
          const bound = deliveryTimeoutMs !== undefined && isConnectionError(error) ? ` (retried for ${waiting} ms, delivery.timeout.ms = ${deliveryTimeoutMs})` : '';
          const failure = new VeloError(ErrorCodes.SINK_WRITE, `sink '${this.name}': producing to topic '${topic}' failed${bound}: ${(error as Error).message}`, { cause: error, retryable: true });
          // Output rows outside a transaction go back to the job's failure strategy; a transaction or dead letters fail the sink.
          if (rows && this.options.transactionalId === undefined) {
            this.undelivered.push({ rows, error: failure });
            this.records -= rows.length;
          } else this.failure ??= failure;
          return;
        }
        this.connection.markDisconnected(`producing to topic '${topic}' failed: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_BACKOFF_MAX_MS, RETRY_BACKOFF_MS * 2 ** attempt)));
      }
    }
  }

  /** Sends one produce request, waiting first while `maxInFlight` requests are outstanding. */
  private async send(messages: Message[], rows?: readonly Row[]): Promise<void> {
    while (this.inFlight.size >= this.options.maxInFlight) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    const producer = this.producer;
    if (!producer) throw new VeloError(ErrorCodes.SINK_WRITE, `sink '${this.name}' is not open`);
    const target = this.options.transactionalId === undefined ? producer : await (this.transaction ??= producer.transaction());
    const request = this.deliver(target, messages, rows).finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }
}
