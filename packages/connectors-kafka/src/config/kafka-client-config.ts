import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ErrorCodes, VeloError } from '@velots/core';
import type { ConnectorProperties } from '@velots/runtime';
import { logLevel, type KafkaConfig, type RetryOptions, type SASLOptions } from 'kafkajs';

/**
 * Client property families that are passed through (dialect §3: "other client keys pass through"): the ones
 * kafkajs has an equivalent for are mapped below, the rest are accepted without a warning so one config file
 * serves Velostream (librdkafka) and Velo TS alike.
 */
const CLIENT_KEY_PREFIXES = [
  'client.', 'socket.', 'fetch.', 'session.', 'heartbeat.', 'max.', 'enable.', 'auto.', 'request.', 'retry.', 'retries',
  'metadata.', 'queued.', 'isolation.', 'linger.', 'batch.', 'message.', 'compression.', 'acks', 'partitioner', 'ssl.',
  'sasl.', 'security.', 'group.', 'consumer.', 'producer.', 'key.', 'transaction', 'delivery.', 'queue.', 'statistics.',
  'partition.', 'reconnect.', 'api.', 'broker.', 'allow.', 'check.', 'connections.', 'topic.', 'debug', 'log.',
];

/** Marks the pass-through client keys of `values` as read, so they raise no unknown-key warning. */
export function acceptClientKeys(props: ConnectorProperties, values: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(values)) {
    if (CLIENT_KEY_PREFIXES.some((prefix) => key.startsWith(prefix))) props.text(key);
  }
}

/** The broker list: `bootstrap.servers` or `brokers` (default `localhost:9092`), comma separated. */
export function brokerList(props: ConnectorProperties): string[] {
  const text = props.text('bootstrap.servers', 'brokers') ?? 'localhost:9092';
  const brokers = text.split(',').map((b) => b.trim()).filter((b) => b !== '');
  if (brokers.length === 0) throw new VeloError(ErrorCodes.CONFIG, `${props.owner}: 'bootstrap.servers' names no broker`);
  return brokers;
}

function readPem(props: ConnectorProperties, key: string, baseDir: string): string | undefined {
  const location = props.text(key);
  if (location === undefined) return undefined;
  const path = isAbsolute(location) ? location : resolve(baseDir, location);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new VeloError(ErrorCodes.CONFIG, `${props.owner}: '${props.connectorName}.${key}' = '${location}' cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

function saslOptions(props: ConnectorProperties): SASLOptions | undefined {
  const mechanism = props.text('sasl.mechanism', 'sasl.mechanisms')?.trim().toLowerCase();
  if (mechanism === undefined) return undefined;
  const username = props.text('sasl.username') ?? '';
  const password = props.text('sasl.password') ?? '';
  switch (mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
    default:
      throw new VeloError(ErrorCodes.CONFIG, `${props.owner}: 'sasl.mechanism' must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (got '${mechanism}')`);
  }
}

/**
 * kafkajs's retry policy from the librdkafka keys: `retries` (attempts per request), `retry.backoff.ms` (first wait)
 * and `retry.backoff.max.ms` (longest wait — also the longest pause before a consumer that crashed for want of a
 * cluster starts again); undefined when none is set (kafkajs's defaults: 5, 300 ms, 30 s).
 */
function retryOptions(props: ConnectorProperties): RetryOptions | undefined {
  const retries = props.integer('retries');
  const initialRetryTime = props.integer('retry.backoff.ms');
  const maxRetryTime = props.integer('retry.backoff.max.ms');
  if (retries === undefined && initialRetryTime === undefined && maxRetryTime === undefined) return undefined;
  return {
    ...(retries !== undefined ? { retries } : {}),
    ...(initialRetryTime !== undefined ? { initialRetryTime } : {}),
    ...(maxRetryTime !== undefined ? { maxRetryTime } : {}),
  };
}

/** kafkajs client configuration from the connector's properties: brokers, client id, SSL and SASL, timeouts. */
export function kafkaClientConfig(props: ConnectorProperties, baseDir: string): KafkaConfig {
  const protocol = (props.text('security.protocol') ?? 'PLAINTEXT').trim().toUpperCase();
  if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
    throw new VeloError(ErrorCodes.CONFIG, `${props.owner}: 'security.protocol' must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (got '${protocol}')`);
  }
  const ca = readPem(props, 'ssl.ca.location', baseDir);
  const cert = readPem(props, 'ssl.certificate.location', baseDir);
  const key = readPem(props, 'ssl.key.location', baseDir);
  const verify = (props.text('ssl.endpoint.identification.algorithm') ?? 'https').trim().toLowerCase() !== 'none';
  const useSsl = protocol === 'SSL' || protocol === 'SASL_SSL';
  const sasl = saslOptions(props);
  if (protocol.startsWith('SASL') && !sasl) throw new VeloError(ErrorCodes.CONFIG, `${props.owner}: 'security.protocol' = ${protocol} needs 'sasl.mechanism'`);
  const connectionTimeout = props.integer('socket.connection.setup.timeout.ms');
  const requestTimeout = props.integer('request.timeout.ms');
  const retry = retryOptions(props);
  return {
    clientId: props.text('client.id') ?? `velo-${props.connectorName}`,
    brokers: brokerList(props),
    logLevel: logLevel.NOTHING,
    ...(useSsl ? { ssl: ca || cert || key || !verify ? { ...(ca ? { ca: [ca] } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}), rejectUnauthorized: verify } : true } : {}),
    ...(sasl ? { sasl } : {}),
    ...(connectionTimeout !== undefined ? { connectionTimeout } : {}),
    ...(requestTimeout !== undefined ? { requestTimeout } : {}),
    ...(retry ? { retry } : {}),
  };
}
