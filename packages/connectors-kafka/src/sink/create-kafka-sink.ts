import { ErrorCodes, VeloError } from '@velots/core';
import type { ConnectorProperties, SinkConfig } from '@velots/runtime';
import { CompressionTypes } from 'kafkajs';
import { acceptClientKeys, kafkaClientConfig } from '../config/kafka-client-config.js';
import { builtInSinkCodec, readValueFormat, schemaFormatFactory } from '../codec/value-format.js';
import { KafkaSink } from './kafka-sink.js';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../config/connect-retry.js';

function acksOf(props: ConnectorProperties): -1 | 0 | 1 {
  const text = (props.text('acks', 'request.required.acks') ?? 'all').trim().toLowerCase();
  if (text === 'all' || text === '-1') return -1;
  if (text === '1') return 1;
  if (text === '0') return 0;
  throw new VeloError(ErrorCodes.CONFIG, `${props.owner}: 'acks' must be all, -1, 0 or 1 (got '${text}')`);
}

function compressionOf(props: ConnectorProperties): CompressionTypes {
  const text = (props.text('compression.type', 'compression.codec') ?? 'none').trim().toLowerCase();
  if (text === 'none') return CompressionTypes.None;
  if (text === 'gzip') return CompressionTypes.GZIP;
  throw new VeloError(ErrorCodes.CONFIG, `${props.owner}: 'compression.type' must be none or gzip (got '${text}'; kafkajs ships no snappy, lz4 or zstd codec)`);
}

/** A `kafka_sink` from its properties; the key is `key.field`, else the statement's PRIMARY KEY / GROUP BY columns. */
export function createKafkaSink(config: SinkConfig, props: ConnectorProperties): KafkaSink {
  const topic = props.text('topic.name', 'topic') ?? config.name;
  const format = readValueFormat(props);
  const keyField = props.text('key.field');
  const keyColumns = keyField !== undefined ? keyField.split(',').map((k) => k.trim()).filter((k) => k !== '') : (config.keyColumns ?? []);
  const schemaFormat = format === 'avro' || format === 'protobuf' ? schemaFormatFactory(format, props.owner) : undefined;
  const sink = new KafkaSink({
    name: config.name,
    topic,
    client: kafkaClientConfig(props, config.baseDir),
    codec: (schema) =>
      schemaFormat
        ? schemaFormat({ role: 'sink', props, baseDir: config.baseDir, topic, connectorName: config.name, schema })
        : builtInSinkCodec(format as 'json' | 'bytes' | 'string', schema),
    keyColumns,
    acks: acksOf(props),
    compression: compressionOf(props),
    batchSize: Math.max(1, props.integer('batch.size', 1000)),
    maxInFlight: Math.max(1, props.integer('max.in.flight.requests.per.connection', 1)),
    // Transactional mode (the job's `@job_mode: transactional`): idempotent unless told otherwise; the id is the job's.
    idempotent: props.boolean('enable.idempotence', config.transactionalId !== undefined),
    transactionalId: config.transactionalId !== undefined ? (props.text('transactional.id') ?? config.transactionalId) : undefined,
    transactionTimeoutMs: props.integer('transaction.timeout.ms'),
    // Unset: a sink whose cluster went away waits for it (the job stalls and resumes by itself).
    deliveryTimeoutMs: props.integer('delivery.timeout.ms'),
    connectTimeoutMs: props.integer('connect.timeout.ms', DEFAULT_CONNECT_TIMEOUT_MS),
  });
  acceptClientKeys(props, config.properties);
  return sink;
}
