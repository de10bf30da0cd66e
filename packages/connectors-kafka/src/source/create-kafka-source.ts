import type { Schema } from '@velots/core';
import type { ConnectorProperties, SourceConfig } from '@velots/runtime';
import { acceptClientKeys, kafkaClientConfig } from '../config/kafka-client-config.js';
import { JsonCodec } from '@velots/serde-json';
import { BytesMessageCodec, StringMessageCodec } from '../codec/raw-message-codec.js';
import { readValueFormat, schemaFormatFactory } from '../codec/value-format.js';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../config/connect-retry.js';
import { KafkaSource, type ValueCodecChoice } from './kafka-source.js';

const RESET: Readonly<Record<string, 'earliest' | 'latest'>> = { earliest: 'earliest', smallest: 'earliest', beginning: 'earliest', latest: 'latest', largest: 'latest', end: 'latest' };

function codecChoice(config: SourceConfig, props: ConnectorProperties, topic: string): ValueCodecChoice {
  const format = readValueFormat(props);
  const declared: Schema | undefined = config.schema;
  switch (format) {
    case 'json':
      return declared ? { needsSample: false, create: () => JsonCodec.declared(declared) } : { needsSample: true, create: (samples) => JsonCodec.inferred(samples) };
    case 'string':
      return { needsSample: false, create: () => new StringMessageCodec() };
    case 'bytes':
      return { needsSample: false, create: () => new BytesMessageCodec() };
    default: {
      const factory = schemaFormatFactory(format, props.owner);
      return { needsSample: false, create: () => factory({ role: 'source', props, baseDir: config.baseDir, topic, connectorName: config.name, schema: declared }) };
    }
  }
}

/**
 * How long the group waits for a silent member: after a kill -9 the restarted job gets its partitions back about
 * this long (plus a rebalance) later. The lowest a stock Kafka broker accepts (`group.min.session.timeout.ms`); on
 * librdkafka's mock broker values below ~5 s make a member joining an emptied group wait about a minute (the mock
 * evicts it while it waits out its 3 s initial rebalance delay), see docs/kafka.md.
 */
export const DEFAULT_SESSION_TIMEOUT_MS = 6000;
/** kafkajs's default: how long a rebalance waits for the members to rejoin. */
const DEFAULT_REBALANCE_TIMEOUT_MS = 60_000;

/**
 * The consumer group of a source without `group.id`: one per job and source (`velo-<job>-<source>`, as Velostream's
 * `<base>-<job>-<source>`), so two jobs of an app reading one topic each read all of it instead of splitting its
 * partitions in one group; `velo-<source>` when the reader is not a named job.
 */
export function defaultGroupId(config: Pick<SourceConfig, 'name' | 'readerJob'>): string {
  return config.readerJob === undefined ? `velo-${config.name}` : `velo-${config.readerJob}-${config.name}`;
}

/** A `kafka_source` from its properties (dialect §3 "Kafka"). */
export function createKafkaSource(config: SourceConfig, props: ConnectorProperties, bounded: boolean): KafkaSource {
  const topic = props.text('topic.name', 'topic') ?? config.name;
  const resetText = props.text('auto.offset.reset')?.trim().toLowerCase() ?? 'earliest';
  const autoOffsetReset = RESET[resetText];
  if (autoOffsetReset === undefined) props.choice('auto.offset.reset', ['earliest', 'latest'], 'earliest');
  const sessionTimeoutMs = props.integer('session.timeout.ms', DEFAULT_SESSION_TIMEOUT_MS);
  const eventField = props.text('event.time.field');
  const eventFormat = props.text('event.time.format');
  const source = new KafkaSource({
    name: config.name,
    topic,
    groupId: props.text('group.id', 'consumer.group') ?? defaultGroupId(config),
    autoOffsetReset: autoOffsetReset ?? 'earliest',
    readUncommitted: props.choice('isolation.level', ['read_committed', 'read_uncommitted'], 'read_committed') === 'read_uncommitted',
    bounded,
    client: kafkaClientConfig(props, config.baseDir),
    codec: codecChoice(config, props, topic),
    keyField: props.text('key.field'),
    eventTime: eventField ? { field: eventField, format: eventFormat } : undefined,
    maxBufferedRecords: props.integer('max.buffered.records', 20_000),
    sampleSize: 100,
    sessionTimeoutMs,
    heartbeatIntervalMs: props.integer('heartbeat.interval.ms', Math.max(100, Math.floor(sessionTimeoutMs / 10))),
    rebalanceTimeoutMs: props.integer('rebalance.timeout.ms') ?? props.integer('max.poll.interval.ms') ?? DEFAULT_REBALANCE_TIMEOUT_MS,
    maxWaitMs: props.integer('fetch.wait.max.ms', 100),
    connectTimeoutMs: props.integer('connect.timeout.ms', DEFAULT_CONNECT_TIMEOUT_MS),
  });
  acceptClientKeys(props, config.properties);
  return source;
}
